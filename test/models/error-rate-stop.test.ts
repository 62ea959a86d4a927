import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorRateExceededError, ErrorRateMonitor, withErrorRateStop } from '../../src/models/error-rate-stop.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { ModelCallError } from '../../src/models/types.js';
import { generateRecords, resumeRecords } from '../../src/generate/generate.js';

const failure = () => new ModelCallError('HTTP 500 from the server', { retryable: true, status: 500 });

describe('early stop on a high error rate', () => {
  it('stops once more than the threshold of a full window failed; later calls are not made', async () => {
    const engine = createMockEngine({ replies: (_r, call) => (call % 10 < 6 ? failure() : 'ok') });
    const guarded = withErrorRateStop(engine, new ErrorRateMonitor({ window: 10, threshold: 0.5, resumeHint: 'synthkit resume out/' }));
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      outcomes.push(
        await guarded.generate({ messages: [{ role: 'user', content: `q${i}` }] }).then(
          () => 'ok',
          (e) => (e instanceof ErrorRateExceededError ? 'stop' : 'fail'),
        ),
      );
    }
    // 6 failures then 4 successes: the window fills at call 10 with 6 of 10 failed, so call 11 is refused.
    expect(outcomes).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok', 'ok', 'ok', 'ok', 'stop', 'stop']);
    expect(engine.requests).toHaveLength(10);
  });

  it('does not stop at the threshold itself, nor on errors that are not failed calls', async () => {
    const monitor = new ErrorRateMonitor({ window: 4, threshold: 0.5 });
    for (const ok of [false, true, false, true, false, true]) monitor.record(ok, failure());
    expect(monitor.stopped).toBeUndefined();
    const engine = createMockEngine({ replies: () => new Error('not a model call error') });
    const guarded = withErrorRateStop(engine, monitor);
    for (let i = 0; i < 4; i++) await expect(guarded.generate({ messages: [] })).rejects.toThrow('not a model call error');
    expect(monitor.stopped).toBeUndefined();
  });

  it('stops a run with a resumable error naming the rate; a resume after the fix finishes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthkit-stop-'));
    let broken = true;
    const engine = createMockEngine({ replies: () => (broken ? failure() : 'fine') });
    const recipe = {
      records: 40,
      models: { m: { engine: 'openai-compatible' as const, model: 'x', base_url: 'http://127.0.0.1:9/v1' } },
      columns: [
        { name: 'topic', kind: 'category' as const, values: ['a', 'b'] },
        { name: 'text', kind: 'llm-text' as const, model: 'm', prompt: 'Say {{ topic }}' },
      ],
      generation: { stop_window: 8, stop_error_rate: 0.5, concurrency: 2 },
      cache: false,
    };
    const error = await generateRecords(recipe, { out: dir, engines: { m: engine } }).catch((e) => e);
    expect(error).toBeInstanceOf(ErrorRateExceededError);
    expect(error.message).toMatch(/stopped early: 8 of the last 8 model calls failed .*HTTP 500.*synthkit resume /);
    expect(engine.requests.length).toBeLessThan(12);
    broken = false;
    const summary = await resumeRecords(dir, { engines: { m: engine } });
    expect(summary.valid).toBe(40);
  });
});
