/**
 * `fail_on` thresholds: each names a metric by its dotted path in metrics.json
 * (`pii.total`, `diversity.feedback.distinct_2`, `relevance.tstr.synthetic.macroF1`) and a min
 * and/or max. A metric that is missing or not a number fails: a gate that cannot be measured must
 * not pass silently.
 */
import type { ThresholdResult } from './evaluation-metrics.js';
import { getPath } from '../core/field-path.js';

export interface Threshold {
  metric: string;
  min?: number;
  max?: number;
}

/** A metric of metrics.json by its dotted path, e.g. diversity.feedback.distinct_2. */
export function readMetric(metrics: unknown, path: string): unknown {
  return getPath(metrics, path);
}

export function checkThresholds(metrics: unknown, thresholds: readonly Threshold[]): ThresholdResult[] {
  return thresholds.map(({ metric, min, max }) => {
    const raw = readMetric(metrics, metric);
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const bounds = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    if (value === null) {
      const why = raw === undefined ? 'no such metric (check the path against metrics.json)' : `not a number (${JSON.stringify(raw)})`;
      return { metric, ...bounds, value, passed: false, message: `${metric}: ${why}` };
    }
    if (min !== undefined && value < min)
      return { metric, ...bounds, value, passed: false, message: `${metric} = ${format(value)} is below the minimum ${min}` };
    if (max !== undefined && value > max)
      return { metric, ...bounds, value, passed: false, message: `${metric} = ${format(value)} is above the maximum ${max}` };
    return { metric, ...bounds, value, passed: true, message: `${metric} = ${format(value)} ok` };
  });
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
