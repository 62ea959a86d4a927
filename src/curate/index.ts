/** Curation: filters, dedup, judges, weights; every decision recorded, nothing deleted. */
export { curate, curateRecords, type CurateInput, type CurateOptions, type CurationResult, type CurationSummary, type StageSummary } from './run-curation.js';
export { loadCurateConfigFile, parseCurateConfigYaml, parseCurateConfigObject } from './load-curate-config.js';
export {
  curateConfigSchema,
  curateConfigSchemaFor,
  stageKinds,
  type CurateConfig,
  type CurateConfigInput,
  type CurateConfigInputFor,
  type StageConfig,
  type Rubric,
} from './config-schema.js';
export { CURATE_STAGES, type StageRegistry } from './stage-registry.js';
export { defineStage, type CurateStage, type AnyCurateStage, type CurateSettings, type StageIssue } from './curate-stage.js';
export type { StageContext, StageResult, ClusterReport } from './stages/stage-context.js';
export type { CurationRecord, Decision, StageOutcome, StageReason, TrailEntry } from './curation-record.js';
export type { CurateEvent } from './curate-events.js';
export { compileExpression, ExpressionError, type CompiledExpression } from './safe-expression.js';
export { explainRecord, formatCurationSummary } from './explain-record.js';
export { normalizeWeights, type WeightSummary } from './weight.js';
export { defaultCurateConfig } from './default-config.js';
export { textProfile, SHORT_TEXT_MEDIAN_WORDS, type TextProfile } from './text-profile.js';
