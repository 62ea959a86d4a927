/** Seeded samplers and their built-in data. Every sampler draws only from the Rng it is given. */
export type { Rng } from '../core/rng-types.js';
export { createRng, deriveSeed } from '../core/rng.js';
export { SamplerError } from '../core/sampler-error.js';
export { validateWeights } from '../core/validate-weights.js';
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
