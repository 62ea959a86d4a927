/**
 * `fail_on` thresholds: each names a metric by its dotted path in metrics.json
 * (`pii.total`, `diversity.feedback.distinct_2`, `relevance.tstr.synthetic.macroF1`) and a min
 * and/or max. A metric that is missing or not a number fails: a gate that cannot be measured must
 * not pass silently.
 */
import type { ThresholdResult } from './evaluation-metrics.js';

export interface Threshold {
  metric: string;
  min?: number;
  max?: number;
}

export function readMetric(metrics: unknown, path: string): unknown {
  let value: unknown = metrics;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
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
    if (min !== undefined && value < min) return { metric, ...bounds, value, passed: false, message: `${metric} = ${format(value)} is below the minimum ${min}` };
    if (max !== undefined && value > max) return { metric, ...bounds, value, passed: false, message: `${metric} = ${format(value)} is above the maximum ${max}` };
    return { metric, ...bounds, value, passed: true, message: `${metric} = ${format(value)} ok` };
  });
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
