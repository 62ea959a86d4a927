import { describe, expect, it } from 'vitest';
import { createProgressView, formatDuration, formatEta, formatRate, perSecond } from '../../src/cli/progress-view.js';
import type { RunProgress } from '../../src/generate/events.js';

describe('progress formatting', () => {
  it('formats durations without carrying 60 into the seconds or minutes', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(9.4)).toBe('9s');
    expect(formatDuration(59.4)).toBe('59s');
    expect(formatDuration(59.6)).toBe('1m00s');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(119.7)).toBe('2m00s');
    expect(formatDuration(3599.6)).toBe('1h00m');
    expect(formatDuration(3600 + 59 * 60 + 45)).toBe('2h00m');
    expect(formatDuration(7380)).toBe('2h03m');
    expect(formatDuration(86400 * 3 + 4 * 3600)).toBe('3d04h');
    const carried: string[] = [];
    for (let s = 0; s < 200_000; s += 0.7) {
      const text = formatDuration(s);
      if (/(^|\D)60[sm]|(^|\D)24h/.test(text)) carried.push(`${s}: ${text}`);
    }
    expect(carried).toEqual([]);
  });

  it('never shows NaN or Infinity', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -5]) {
      expect(formatDuration(bad)).toBe('--');
      expect(formatRate(bad, 'rec')).toBe('-- rec/s');
      expect(formatEta(10, bad)).toBe('estimating');
    }
    expect(perSecond(0, 1000)).toBeUndefined();
    expect(perSecond(3, 0)).toBeUndefined();
    expect(perSecond(Number.NaN, 10)).toBeUndefined();
  });

  it('picks a readable rate unit', () => {
    expect(formatRate(2.5, 'rec')).toBe('2.5 rec/s');
    expect(formatRate(150, 'rec')).toBe('150 rec/s');
    expect(formatRate(0.2, 'rec')).toBe('12 rec/min');
    expect(formatRate(1 / 600, 'rec')).toBe('6 rec/h');
    expect(formatRate(undefined, 'rec')).toBe('-- rec/s');
  });

  it('says "estimating" before the first record finishes, then extrapolates', () => {
    expect(formatEta(50, undefined)).toBe('estimating');
    expect(formatEta(50, 0.5)).toBe('1m40s');
    expect(formatEta(0, undefined)).toBe('0s');
  });
});

describe('progress view (plain output)', () => {
  const progress = (done: number): RunProgress => ({ target: 10, done, valid: done, failedCells: 0, inputTokens: 1200, outputTokens: 300, cachedCalls: 0 });
  const capture = () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    return { lines, stream };
  };

  it('prints a rate and ETA counted from this session only, estimating before the first record', () => {
    const { lines, stream } = capture();
    let t = 0;
    const view = createProgressView(stream, false, () => t);
    // A resumed run: 2 records were done before this session started.
    view.onEvent({ type: 'progress', progress: progress(2) });
    t = 10_000;
    view.onEvent({ type: 'progress', progress: progress(3) });
    t = 20_000;
    view.onEvent({ type: 'progress', progress: progress(4) });
    expect(lines[0]).toContain('records 2/10');
    expect(lines[0]).toContain('-- rec/s, ETA estimating');
    expect(lines[1]).toContain('records 3/10');
    expect(lines[1]).toContain('6 rec/min, ETA 1m10s');
    expect(lines[2]).toContain('6 rec/min, ETA 1m00s');
    expect(lines.join('')).not.toMatch(/NaN|Infinity|NF/);
  });
});
