/**
 * The shape of metrics.json: the entries evaluate writes itself (core-metrics.ts) and those of
 * every registered metric, derived from the registry so a new metric's entries appear here with
 * no edit. Keys are snake_case so that a threshold names a metric by its dotted path (`pii.total`,
 * `diversity.feedback.distinct_2`). NaN (not measurable, e.g. Self-BLEU of one text) is written as
 * null by JSON.stringify. Each metric's result types live in its module; they are re-exported here.
 */
import type { AnyEvaluationMetric, EvaluationMetric } from './evaluation-metric.js';
import type { CoreMetrics } from './core-metrics.js';
import type { EVALUATION_METRICS } from './metric-registry.js';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type EntriesOf<M> = M extends EvaluationMetric<infer _Shape, infer Entries> ? Entries : never;

/** metrics.json for a list of metrics (EVALUATION_METRICS, or it with a library user's own). */
export type EvaluationMetricsFor<M extends readonly AnyEvaluationMetric[]> = CoreMetrics & UnionToIntersection<EntriesOf<M[number]>>;
export type EvaluationMetrics = EvaluationMetricsFor<typeof EVALUATION_METRICS>;

export type { CoreMetrics, ModelUsageEntry, ThresholdResult } from './core-metrics.js';
export type { ColumnDiversity } from './column-diversity.js';
export type { PiiFinding, PiiMetrics } from './pii-findings.js';
export type { EmbeddingDiversity } from './sections/diversity.js';
export type { JudgeScores } from './sections/judge-scores.js';
export type { ClaimCheck, ConsistencyMetrics, FactualnessMetrics } from './sections/fact-checks.js';
export type { CanaryMetrics, LeakageMetrics } from './sections/privacy.js';
export type { RelevanceMetrics } from './sections/relevance.js';
