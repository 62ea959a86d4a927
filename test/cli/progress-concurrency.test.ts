import { describe, expect, it } from 'vitest';
import { createProgressView, formatLevels } from '../../src/cli/progress-view.js';

describe('progress: adaptive concurrency level', () => {
  it('names each model with its current level, and nothing when no model adapts', () => {
    expect(formatLevels({ writer: 16, judge: 4 })).toBe(' | concurrency writer 16, judge 4');
    expect(formatLevels(undefined)).toBe('');
    expect(formatLevels({})).toBe('');
  });

  it('shows the level on the plain progress line', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const view = createProgressView(stream, false, () => 0);
    const base = { target: 10, valid: 0, failedCells: 0, inputTokens: 0, outputTokens: 0, cachedCalls: 0 };
    view.onEvent({ type: 'progress', progress: { ...base, done: 0, concurrency: { m: 8 } } });
    view.onEvent({ type: 'progress', progress: { ...base, done: 5, concurrency: { m: 32 } } });
    expect(lines[0]).toMatch(/ETA estimating, concurrency m 8\n$/);
    expect(lines[1]).toMatch(/, concurrency m 32\n$/);
  });
});
