import { getPath } from '../core/field-path.js';
import { readSignal } from './metrics/bias-audit.js';
import { valueKey } from './metrics/coverage.js';

/**
 * A bias-audit signal of one record as a number: the forms metrics/bias-audit.ts reads (a numeric
 * field, `length:FIELD`, `chars:FIELD`), plus `share:FIELD=VALUE`, 1 when the field equals VALUE
 * and 0 otherwise, so a group's mean is its share of e.g. negative sentiment.
 */
export function signalValue(record: unknown, signal: string): number | undefined {
  if (signal.startsWith('share:')) {
    const body = signal.slice('share:'.length);
    const at = body.indexOf('=');
    const value = getPath(record, body.slice(0, at));
    if (value === undefined) return undefined;
    return valueKey(value) === body.slice(at + 1) ? 1 : 0;
  }
  return readSignal(record, signal);
}
