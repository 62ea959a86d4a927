/** Curation: filters, dedup, judges, weights; every decision recorded, nothing deleted. */
export { curate, curateRecords, type CurateInput, type CurateOptions, type CurationResult, type CurationSummary, type StageSummary } from './run-curation.js';
export { loadCurateConfigFile, parseCurateConfigYaml, parseCurateConfigObject } from './load-curate-config.js';
export { curateConfigSchema, stageKinds, type CurateConfig, type CurateConfigInput, type StageConfig, type Rubric } from './config-schema.js';
export type { CurationRecord, Decision, StageReason, TrailEntry } from './curation-record.js';
export type { CurateEvent } from './curate-events.js';
export { compileExpression, ExpressionError, type CompiledExpression } from './safe-expression.js';
export { explainRecord, formatCurationSummary } from './explain-record.js';
export { normalizeWeights } from './weight.js';
