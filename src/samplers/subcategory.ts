import { sampleCategory } from './category.js';
import { SamplerError } from '../core/sampler-error.js';
import type { Rng } from '../core/rng-types.js';

/** The choices for one parent value: a plain list (uniform) or values with weights. */
export type SubcategoryChoices = readonly string[] | { values: readonly string[]; weights?: readonly number[] };

export interface SubcategoryParams {
  /** Name of the column this one depends on (used in error messages). */
  parent: string;
  /** Parent value (as text) => the values allowed under it. */
  values: Readonly<Record<string, SubcategoryChoices>>;
}

/**
 * A value drawn from the list that belongs to the parent column's value, e.g. parent
 * `topic = "housing"` draws from `values.housing`. The parent value is looked up as text, so a
 * number or boolean parent category (`2`, `true`) matches the YAML key `"2"` / `"true"`.
 */
export function sampleSubcategory(params: SubcategoryParams, parentValue: unknown, rng: Rng): string {
  const key = String(parentValue);
  // Own keys only: a parent value such as "constructor" must not find Object.prototype members.
  if (!Object.hasOwn(params.values, key)) {
    const known = Object.keys(params.values);
    throw new SamplerError(
      `subcategory: parent column "${params.parent}" has value ${JSON.stringify(key)}, which has no entry in values; ` +
        `known parent values: ${known.length ? known.map((k) => JSON.stringify(k)).join(', ') : '(none)'}`,
    );
  }
  const choices = params.values[key];
  try {
    return Array.isArray(choices)
      ? sampleCategory({ values: choices as readonly string[] }, rng)
      : sampleCategory(choices as { values: readonly string[]; weights?: readonly number[] }, rng);
  } catch (error) {
    if (error instanceof SamplerError) {
      throw new SamplerError(`subcategory values[${JSON.stringify(key)}] (parent "${params.parent}"): ${error.message}`);
    }
    throw error;
  }
}
