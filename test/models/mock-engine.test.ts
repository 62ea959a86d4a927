import { describe, expect, it } from 'vitest';
import { createMockEngine, MockEngineError } from '../../src/models/mock-engine.js';
import { ModelCallError, type ChatMessage } from '../../src/models/types.js';
import { SynthkitError } from '../../src/core/synthkit-error.js';
import { rejection } from '../support/engine-helpers.js';

const ask = (content: string): ChatMessage[] => [{ role: 'user', content }];

describe('createMockEngine', () => {
  it('answers from a list in call order and records each request', async () => {
    const engine = createMockEngine({ replies: ['one', 'two'] });
    expect((await engine.generate({ messages: ask('a') })).text).toBe('one');
    expect((await engine.generate({ messages: ask('b'), seed: 3 })).text).toBe('two');
    expect(engine.requests).toEqual([{ messages: ask('a') }, { messages: ask('b'), seed: 3 }]);
  });

  it('keeps a copy of each request, without its signal', async () => {
    const engine = createMockEngine({ replies: ['ok'] });
    const messages = ask('first');
    await engine.generate({ messages, signal: new AbortController().signal });
    messages.push({ role: 'assistant', content: 'later' });
    expect(engine.requests[0]).toEqual({ messages: ask('first') });
    expect('signal' in engine.requests[0]).toBe(false);
  });

  it('estimates usage at 4 characters a token, or reports the scripted usage', async () => {
    const engine = createMockEngine({
      replies: ['12345', { text: 'x', usage: { inputTokens: 100, outputTokens: 7 }, reasoning: 'because', logprobs: { mean: -0.1, min: -2 } }],
    });
    expect((await engine.generate({ messages: ask('123456789') })).usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(await engine.generate({ messages: ask('q') })).toEqual({
      text: 'x',
      usage: { inputTokens: 100, outputTokens: 7 },
      reasoning: 'because',
      logprobs: { mean: -0.1, min: -2 },
    });
  });

  it('answers with a function of the request and the call number, which may be async', async () => {
    const engine = createMockEngine({ replies: async (request, call) => `${call}:${request.messages[0].content}` });
    expect((await engine.generate({ messages: ask('a') })).text).toBe('0:a');
    expect((await engine.generate({ messages: ask('b') })).text).toBe('1:b');
  });

  it('throws the errors it is scripted with, retryable or not', async () => {
    const engine = createMockEngine({
      replies: [
        new ModelCallError('overloaded (503)', { retryable: true, status: 503 }),
        new ModelCallError('bad key (401)', { retryable: false, status: 401 }),
      ],
    });
    const first = await rejection(engine.generate({ messages: ask('a') }));
    expect(first).toBeInstanceOf(ModelCallError);
    expect((first as ModelCallError).retryable).toBe(true);
    const second = await rejection(engine.generate({ messages: ask('a') }));
    expect((second as ModelCallError).details).toEqual({ retryable: false, status: 401 });
  });

  it('fails clearly when the list runs out', async () => {
    const engine = createMockEngine({ replies: ['only'], id: 'judge' });
    await engine.generate({ messages: ask('a') });
    const error = await rejection(engine.generate({ messages: ask('b') }));
    expect(error).toBeInstanceOf(MockEngineError);
    expect(SynthkitError.isInstance(error)).toBe(true);
    expect(error.message).toBe("mock engine 'judge' has 1 scripted replies; call 2 has none");
  });

  it('rejects with the abort reason, before or during a call', async () => {
    const engine = createMockEngine({ replies: () => new Promise<string>(() => {}) });
    const before = new AbortController();
    before.abort(new Error('stopped early'));
    expect((await rejection(engine.generate({ messages: ask('a'), signal: before.signal }))).message).toBe('stopped early');
    expect(engine.requests).toHaveLength(0);

    const during = new AbortController();
    const pending = engine.generate({ messages: ask('b'), signal: during.signal });
    during.abort(new Error('stopped mid-call'));
    expect((await rejection(pending)).message).toBe('stopped mid-call');
  });

  it('has a stable id, and engines keep separate logs', async () => {
    const a = createMockEngine({ replies: ['x'] });
    const b = createMockEngine({ replies: ['y'], id: 'mock:b' });
    expect(a.id).toBe('mock');
    expect(b.id).toBe('mock:b');
    await a.generate({ messages: ask('a') });
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(0);
  });
});
