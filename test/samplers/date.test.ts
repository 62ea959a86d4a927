import { afterEach, describe, expect, it } from 'vitest';
import { sampleDate } from '../../src/samplers/date.js';
import { createRng } from '../../src/core/rng.js';
import { SamplerError } from '../../src/core/sampler-error.js';
import { draw, expectedShares, maxShareError, shares } from './shares.js';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('sampleDate', () => {
  it('returns YYYY-MM-DD covering both ends inclusive, uniformly', () => {
    const rng = createRng('dates');
    const xs = draw(20_000, () => sampleDate({ start: '2024-01-01', end: '2024-01-04' }, rng));
    expect(xs.every((x) => /^\d{4}-\d{2}-\d{2}$/.test(x))).toBe(true);
    const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'];
    expect(maxShareError(shares(xs), expectedShares(days, [1, 1, 1, 1]))).toBeLessThan(0.015);
  });

  it('walks the real calendar (leap day, year end)', () => {
    const rng = createRng('calendar');
    expect(new Set(draw(2000, () => sampleDate({ start: '2024-02-28', end: '2024-03-01' }, rng)))).toEqual(new Set(['2024-02-28', '2024-02-29', '2024-03-01']));
    expect(new Set(draw(2000, () => sampleDate({ start: '2023-12-31', end: '2024-01-01' }, rng)))).toEqual(new Set(['2023-12-31', '2024-01-01']));
    expect(sampleDate({ start: '2020-05-05', end: '2020-05-05' }, rng)).toBe('2020-05-05');
  });

  it('iso-datetime gives whole-second UTC times, a plain end date including its whole day', () => {
    const rng = createRng('datetimes');
    const xs = draw(5000, () => sampleDate({ start: '2024-06-01', end: '2024-06-01', format: 'iso-datetime' }, rng));
    expect(xs.every((x) => /^2024-06-01T\d{2}:\d{2}:\d{2}Z$/.test(x))).toBe(true);
    expect(xs.some((x) => x >= '2024-06-01T23:00:00Z')).toBe(true);
  });

  it('respects date-time bounds and zone offsets', () => {
    const rng = createRng('offsets');
    // 08:00 in Singapore (+08:00) is midnight UTC.
    const params = { start: '2024-01-01T08:00:00+08:00', end: '2024-01-01T00:00:02Z', format: 'iso-datetime' as const };
    expect(new Set(draw(500, () => sampleDate(params, rng)))).toEqual(new Set(['2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z', '2024-01-01T00:00:02Z']));
  });

  it('does not depend on the machine time zone', () => {
    const params = { start: '2024-01-01T00:00', end: '2024-12-31', format: 'iso-datetime' as const };
    process.env.TZ = 'Asia/Singapore';
    const sg = draw(
      50,
      (
        (rng) => () =>
          sampleDate(params, rng)
      )(createRng('tz')),
    );
    process.env.TZ = 'America/New_York';
    const ny = draw(
      50,
      (
        (rng) => () =>
          sampleDate(params, rng)
      )(createRng('tz')),
    );
    expect(ny).toEqual(sg);
    expect(sg.every((x) => x >= '2024-01-01T00:00:00Z' && x <= '2024-12-31T23:59:59Z')).toBe(true);
  });

  it('rejects bad bounds and formats', () => {
    const rng = createRng(1);
    expect(() => sampleDate({ start: '2024-02-01', end: '2024-01-01' }, rng)).toThrow(/start \(2024-02-01\) is after end/);
    expect(() => sampleDate({ start: '2024-02-30', end: '2024-03-01' }, rng)).toThrow(/not a real calendar date/);
    expect(() => sampleDate({ start: 'yesterday', end: '2024-03-01' }, rng)).toThrow(/expected an ISO date/);
    expect(() => sampleDate({ start: '2024-01-01', end: '2024-01-02', format: 'unix' as 'iso-date' }, rng)).toThrow(SamplerError);
  });
});
