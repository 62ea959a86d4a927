import { PERSONA_FIELD_NAMES, PERSONA_FIELDS, type PersonaField } from './persona-data.js';
import { SamplerError } from '../core/sampler-error.js';
import type { Rng } from '../core/rng-types.js';
import { validateWeights } from '../core/validate-weights.js';

export type Persona = Record<PersonaField, string>;

/** Replacement values (and optional weights; absent = uniform) for one persona field. */
export interface PersonaFieldOverride {
  values: readonly string[];
  weights?: readonly number[];
}

export interface PersonaParams<F extends PersonaField = PersonaField> {
  /** The fields to return. Absent: all of them. */
  fields?: readonly F[];
  /** Per-field replacements for the built-in values and weights. */
  overrides?: Partial<Record<PersonaField, PersonaFieldOverride>>;
}

/**
 * A persona: age band, gender, occupation, region and home language, each drawn independently
 * from the built-in Singapore data (see persona-data.ts) or from `overrides`.
 *
 * Every field is drawn, always in the same order and with one `weightedIndex` call each (one draw
 * with `createRng`), and only the requested ones are returned. So choosing a subset of fields, or overriding one field, leaves the
 * other fields' values for a given seed unchanged: editing a recipe does not reshuffle its data.
 */
export function samplePersona<F extends PersonaField = PersonaField>(params: PersonaParams<F>, rng: Rng): Pick<Persona, F> {
  const fields = params.fields ?? (PERSONA_FIELD_NAMES as readonly PersonaField[] as readonly F[]);
  for (const field of fields) {
    if (!Object.hasOwn(PERSONA_FIELDS, field)) {
      throw new SamplerError(`persona: unknown field ${JSON.stringify(field)}; known fields: ${PERSONA_FIELD_NAMES.join(', ')}`);
    }
  }
  const overrides = params.overrides ?? {};
  for (const field of Object.keys(overrides)) {
    if (!Object.hasOwn(PERSONA_FIELDS, field)) {
      throw new SamplerError(`persona: overrides names unknown field ${JSON.stringify(field)}; known fields: ${PERSONA_FIELD_NAMES.join(', ')}`);
    }
  }

  const wanted = new Set<PersonaField>(fields);
  const persona: Partial<Persona> = {};
  for (const field of PERSONA_FIELD_NAMES) {
    const { values, weights } = choicesFor(field, overrides[field]);
    const value = values[rng.weightedIndex(weights)];
    if (wanted.has(field)) persona[field] = value;
  }
  return persona as Pick<Persona, F>;
}

interface Choices {
  values: readonly string[];
  weights: readonly number[];
}

/** The built-in data with uniform weights made explicit, checked once when the module loads (read-only). */
const BUILT_IN: Readonly<Record<PersonaField, Choices>> = Object.freeze(
  Object.fromEntries(PERSONA_FIELD_NAMES.map((field) => [field, toChoices(`persona built-in ${field}`, PERSONA_FIELDS[field])])) as Record<
    PersonaField,
    Choices
  >,
);

function choicesFor(field: PersonaField, override: PersonaFieldOverride | undefined): Choices {
  return override ? toChoices(`persona overrides.${field}`, override) : BUILT_IN[field];
}

/** Values and explicit weights (absent weights = uniform), validated; `where` prefixes errors. */
function toChoices(where: string, source: PersonaFieldOverride): Choices {
  const { values } = source;
  if (!Array.isArray(values) || values.length === 0) throw new SamplerError(`${where}: values is empty; give at least one value`);
  const weights = source.weights ?? values.map(() => 1);
  if (weights.length !== values.length) {
    throw new SamplerError(`${where}: ${weights.length} weights for ${values.length} values; give one weight per value`);
  }
  validateWeights(weights, where);
  return { values, weights };
}
