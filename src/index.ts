/** synthkit's library API: everything the CLI does, from TypeScript. */
export { generate, resume, type PipelineSummary } from './pipeline/run-pipeline.js';
export { generateRecords, resumeRecords, RunDirError, RunInterruptedError, type GenerateOptions } from './generate/generate.js';
export type { GenerateEvent, RunProgress, RunSummary, ModelSummary } from './generate/events.js';
export { estimateRun, type EstimateOptions, type RunEstimate, type ModelEstimate } from './generate/estimate-run.js';
export { loadRecipeFile, parseRecipeYaml, planRecipeObject, type PipelinePlan } from './pipeline/load-pipeline-recipe.js';
export { SynthkitError } from './core/synthkit-error.js';
export { RunLockedError } from './store/run-lock.js';
export { BudgetExceededError, type Budget } from './models/model-runner.js';
export { RecipeError, type RecipeIssue } from './recipe/recipe-error.js';
export type { Recipe, RecipeInput, Column, ModelConfig } from './recipe/schema.js';
export type { Plan, PlannedColumn } from './recipe/plan-recipe.js';
export { ModelCallError, ModelSetupError, type ModelEngine, type ModelRequest, type ModelResponse, type ChatMessage } from './models/types.js';
export {
  generateStructured,
  DEFAULT_MAX_REPAIRS,
  StructuredRequestError,
  type ModelCaller,
  type ReasoningMode,
  type StructuredRequest,
  type StructuredResult,
  type StructuredFailureReason,
} from './models/generate-structured.js';
export { createMockEngine, MockEngineError, type MockEngine, type MockEngineOptions, type MockReply } from './models/mock-engine.js';
export { directCaller, UnknownModelError } from './models/direct-caller.js';
export { ErrorRateExceededError } from './models/error-rate-stop.js';
export { AdaptiveConcurrency, withAdaptiveConcurrency } from './models/adaptive-concurrency.js';
export { createBatchEngine, type BatchEngineOptions } from './models/batch/batch-engine.js';
export type { BatchClient, BatchLedger } from './models/batch/batch-client.js';
export { runWorker, type WorkerOptions } from './models/queue/run-worker.js';
export { compileTemplate, TemplateError } from './prompting/template.js';
export * from './curate/index.js';
export * from './evaluate/index.js';
export { ingest, openKnowledgeBase, buildConceptGraph, type KnowledgeBase, type SearchHit, type Chunk } from './grounding/index.js';
export { createEmbedder, type Embedder } from './models/embedders.js';
export { defineColumnKind, columnSchema, type ColumnKind, type PlanContext, type CellContext } from './columns/column-kind.js';
export { createColumnRegistry, type ColumnRegistry } from './columns/create-column-registry.js';
export { BUILTIN_COLUMN_KINDS } from './columns/registry.js';
export { createRecipeSchema } from './recipe/schema.js';
export { planRecipe } from './recipe/plan-recipe.js';
export * from './safety/injection/index.js';
export * from './safety/redact/index.js';
export { scanPii, RECOGNIZERS, type ScanPiiOptions } from './safety/pii/scan-pii.js';
export { PII_TYPES, type PiiSpan, type PiiType } from './safety/pii/types.js';
export { redactDataset, type RedactDatasetOptions, type RedactionSummary } from './curate/redact-dataset.js';
export { generateWithTopUp, loadQuotaFile, QuotaError, type TopUpOptions, type TopUpSummary } from './pipeline/top-up.js';
export { measureQuotas, formatQuotaReport, type QuotaSpec, type QuotaReport } from './evaluate/metrics/fairness-quotas.js';
export { chiSquareGoodnessOfFit, type ChiSquareResult } from './evaluate/metrics/chi-square.js';
export { evaluateFamily, type FamilyReport, type GenerationStats } from './evaluate/metrics/family-drift.js';
export { mixDatasets, MixError, type Lineage, type MixOptions } from './pipeline/mix-datasets.js';
export { writeRunLineage, readRunLineage, LINEAGE_FILE, type RunLineage } from './pipeline/run-lineage.js';
export * from './safety/content/index.js';
export {
  safetySchema,
  resolveGuard,
  INJECTION_BLOCKED,
  INJECTION_QUARANTINED,
  type SafetyConfig,
  type InjectionGuard,
  type SafetyNote,
} from './safety/injection/guard-config.js';
export { REDTEAM_PAYLOADS, type RedteamPayload } from './safety/injection/redteam-payloads.js';
export { runRedteam, formatRedteamTable, type RedteamOptions, type RedteamReport, type RedteamRow } from './redteam/run-redteam.js';
export { exportRun, readRunForExport, type ExportRunOptions } from './pipeline/export-run.js';
export * from './export/training/index.js';
export { nestedParquetBuffer, inferColumnTypes } from './export/nested-parquet.js';
export {
  createFineTuningClient,
  FineTuningApiError,
  type FineTuningClient,
  type FineTuningJob,
  type JobEvent,
} from './export/finetune/openai-fine-tuning-client.js';
export {
  runFinetuneJob,
  cancelFinetuneJob,
  readFinetuneState,
  FinetuneJobError,
  type FinetuneOptions,
  type FinetuneState,
  type FinetuneEvent,
} from './export/finetune/run-finetune-job.js';
export { emitPeftConfig, scaleHyperparameters, PEFT_TOOLS, PEFT_METHODS, type PeftInput } from './export/finetune/peft-config.js';
export * from './review/index.js';
export { startStudio, type StudioOptions, type RunningStudio } from './studio/start-studio.js';
