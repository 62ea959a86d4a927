/** Seeded samplers and their built-in data. Every sampler draws only from the Rng it is given. */
export type { Rng } from './types.js';
export { createRng, deriveSeed } from './rng.js';
export { SamplerError } from './sampler-error.js';
export { validateWeights } from './validate-weights.js';
export { sampleCategory, type CategoryParams } from './category.js';
export { sampleSubcategory, type SubcategoryChoices, type SubcategoryParams } from './subcategory.js';
export { sampleInteger, sampleFloat, type IntegerParams, type FloatParams, type NumberDistribution } from './numbers.js';
export { sampleDate, type DateFormat, type DateParams } from './date.js';
export { samplePersona, type Persona, type PersonaFieldOverride, type PersonaParams } from './persona.js';
export {
  OCCUPATION_GROUPS,
  PERSONA_FIELD_NAMES,
  PERSONA_FIELDS,
  type PersonaField,
  type PersonaFieldData,
} from './persona-data.js';
