/**
 * The curation `synthkit curate` runs when no config is given: quality and repetition rules,
 * language, exact and near dedup, every threshold adapting to the texts' lengths (text-profile.ts;
 * the stage modules say how). Nothing here asks a model, so it is free and deterministic. On our
 * planted sets (bench/curation-defaults-bench.ts) it keeps >= 98% of clean records and catches
 * >= 90% of planted near-duplicates, for short feedback and for long passages alike.
 */
import type { CurateConfigInput } from './config-schema.js';

export function defaultCurateConfig(textField?: string): CurateConfigInput {
  return {
    ...(textField ? { text_field: textField } : {}),
    stages: [{ stage: 'gopher-quality' }, { stage: 'gopher-repetition' }, { stage: 'language' }, { stage: 'exact-dedup' }, { stage: 'near-dedup' }],
  };
}
