import { SamplerError } from '../core/sampler-error.js';
import type { Rng } from '../core/rng-types.js';

export type DateFormat = 'iso-date' | 'iso-datetime';

export interface DateParams {
  /** ISO 8601 date ('2024-01-31') or date-time ('2024-01-31T09:30:00Z'); inclusive. */
  start: string;
  /** Same forms as `start`; inclusive. A plain date includes that whole day. */
  end: string;
  /** 'iso-date' (default): 'YYYY-MM-DD'. 'iso-datetime': 'YYYY-MM-DDTHH:MM:SSZ', whole seconds. */
  format?: DateFormat;
}

const DAY_MS = 86_400_000;

/**
 * A date (or date-time) drawn uniformly between `start` and `end`, both inclusive, in UTC.
 * Everything is UTC, and a date-time without a zone is read as UTC rather than local time, so the
 * same seed gives the same dates on a laptop in Singapore and a CI runner in Virginia.
 */
export function sampleDate(params: DateParams, rng: Rng): string {
  const format = params.format ?? 'iso-date';
  if (format !== 'iso-date' && format !== 'iso-datetime') {
    throw new SamplerError(`date: format is ${JSON.stringify(format)}; use "iso-date" or "iso-datetime"`);
  }
  const start = parseIsoDate('start', params.start);
  const end = parseIsoDate('end', params.end);
  if (start.ms > end.ms) throw new SamplerError(`date: start (${params.start}) is after end (${params.end})`);

  if (format === 'iso-date') {
    const day = rng.int(Math.floor(start.ms / DAY_MS), Math.floor(end.ms / DAY_MS));
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  // A plain end date means "through the end of that day", the last whole second being 23:59:59.
  const endMs = end.dateOnly ? end.ms + DAY_MS - 1000 : end.ms;
  const first = Math.ceil(start.ms / 1000);
  const last = Math.floor(endMs / 1000);
  if (first > last) throw new SamplerError(`date: no whole second lies between ${params.start} and ${params.end}`);
  return new Date(rng.int(first, last) * 1000).toISOString().replace('.000Z', 'Z');
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch, checked field by field (Date.parse would accept 2024-02-30). */
function parseIsoDate(which: 'start' | 'end', text: string): { ms: number; dateOnly: boolean } {
  const match = typeof text === 'string' ? ISO_PATTERN.exec(text) : null;
  if (!match) {
    throw new SamplerError(`date: ${which} is ${JSON.stringify(text)}; expected an ISO date such as 2024-01-31 or 2024-01-31T09:30:00Z`);
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!valid) throw new SamplerError(`date: ${which} is ${JSON.stringify(text)}, which is not a real calendar date and time`);
  let ms = date.getTime();
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { ms, dateOnly: match[4] === undefined };
}
