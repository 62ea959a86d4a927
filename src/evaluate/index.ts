/** Evaluation: diversity, coverage, bias, factualness, privacy and relevance metrics, thresholds, and the HTML report. */
export { evaluate, defaultOutDir, EVALUATE_DEFAULTS, type EvaluateInput, type EvaluateOptions, type EvaluationResult } from './evaluate.js';
export { loadEvaluateConfigFile, parseEvaluateConfigYaml, parseEvaluateConfigObject } from './load-evaluate-config.js';
export { evaluateConfigSchema, evaluateConfigSchemaFor, type EvaluateConfig, type EvaluateConfigInput, type EvaluateConfigInputFor } from './config-schema.js';
export { EVALUATION_METRICS, type MetricRegistry } from './metric-registry.js';
export {
  defineMetric,
  type EvaluationMetric,
  type AnyEvaluationMetric,
  type EvaluationRun,
  type FinishContext,
  type Measurement,
  type MetricConfig,
  type ConfigIssue,
} from './evaluation-metric.js';
export { checkThresholds, readMetric, type Threshold } from './check-thresholds.js';
export {
  compareEvaluations,
  comparisonRows,
  formatComparison,
  findMetricsFile,
  type Comparison,
  type ComparisonRow,
  type CompareOptions,
} from './compare-evaluations.js';
export { renderReport } from './report/render-report.js';
export { renderComparison } from './report/render-comparison.js';
export type * from './evaluation-metrics.js';
