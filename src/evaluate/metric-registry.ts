/**
 * Every evaluation metric synthkit knows, one line each. evaluate.yaml's schema, the measuring
 * loop, metrics.json and report.html all come from this list, so a new metric is its module plus
 * one line here. The order is the report's order (and metrics.json's). A library user adds their
 * own with `evaluate(input, config, { metrics: [...EVALUATION_METRICS, mine] })`.
 */
import type { AnyEvaluationMetric } from './evaluation-metric.js';
import { biasMetric } from './sections/bias.js';
import { coverageMetric } from './sections/coverage.js';
import { diversityMetric } from './sections/diversity.js';
import { factChecksMetric } from './sections/fact-checks.js';
import { fairnessMetric } from './sections/fairness.js';
import { judgeScoresMetric } from './sections/judge-scores.js';
import { membershipMetric } from './sections/membership.js';
import { privacyMetric } from './sections/privacy.js';
import { relevanceMetric } from './sections/relevance.js';

export const EVALUATION_METRICS = [
  diversityMetric,
  judgeScoresMetric,
  coverageMetric,
  biasMetric,
  factChecksMetric,
  privacyMetric,
  membershipMetric,
  relevanceMetric,
  fairnessMetric,
] as const satisfies readonly AnyEvaluationMetric[];

/** A list of metrics an evaluation runs: EVALUATION_METRICS, or it with a library user's own. */
export type MetricRegistry = readonly AnyEvaluationMetric[];
