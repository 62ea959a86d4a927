/**
 * Every curate stage synthkit knows, one line each. The curate config's stage union, the list of
 * kinds in its error messages and the dispatch in run-curation.ts all come from this list, so a
 * new stage is its module plus one line here. The order is the order error messages list them.
 * A library user adds their own with `curate(input, config, { stages: [...CURATE_STAGES, mine] })`.
 */
import type { AnyCurateStage } from './curate-stage.js';
import { pairwiseStage } from './judge/pairwise-stage.js';
import { judgeStage } from './judge/judge-stage.js';
import { c4Stage } from './stages/c4-stage.js';
import { confidenceStage } from './stages/confidence-stage.js';
import { decontaminateStage } from './stages/decontaminate-stage.js';
import { exactDedupStage } from './stages/exact-dedup-stage.js';
import { expressionStage } from './stages/expression-stage.js';
import { finewebStage } from './stages/fineweb-stage.js';
import { gopherQualityStage } from './stages/gopher-quality-stage.js';
import { gopherRepetitionStage } from './stages/gopher-repetition-stage.js';
import { jsonSchemaStage } from './stages/json-schema-stage.js';
import { languageStage } from './stages/language-stage.js';
import { lengthStage } from './stages/length-stage.js';
import { nearDedupStage } from './stages/near-dedup-stage.js';
import { redactStage } from './stages/redact-stage.js';
import { regexStage } from './stages/regex-stage.js';
import { requiredStage } from './stages/required-stage.js';
import { semanticDedupStage } from './stages/semantic-dedup-stage.js';
import { weightStage } from './stages/weight-stage.js';
import { injectionStage } from './stages/injection-stage.js';
import { contentFilterStage } from './stages/content-filter-stage.js';

export const CURATE_STAGES = [
  lengthStage,
  gopherQualityStage,
  gopherRepetitionStage,
  c4Stage,
  finewebStage,
  languageStage,
  regexStage,
  jsonSchemaStage,
  requiredStage,
  expressionStage,
  confidenceStage,
  exactDedupStage,
  nearDedupStage,
  semanticDedupStage,
  decontaminateStage,
  redactStage,
  judgeStage,
  pairwiseStage,
  injectionStage,
  contentFilterStage,
  weightStage,
] as const satisfies readonly AnyCurateStage[];

/** A list of stages a curation knows: CURATE_STAGES, or it with a library user's own. */
export type StageRegistry = readonly AnyCurateStage[];

/** The stage module for a config entry's `stage:` value. */
export function stageOf(stages: StageRegistry, kind: string): AnyCurateStage {
  const found = stages.find((s) => s.kind === kind);
  // The config was validated against the same list, so a miss is a bug, not a user's mistake.
  if (!found) throw new Error(`no curate stage '${kind}' in the registry the config was checked against`);
  return found;
}
