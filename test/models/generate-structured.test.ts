import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REPAIRS, generateStructured, StructuredRequestError, type StructuredRequest } from '../../src/models/generate-structured.js';
import { createMockEngine, type MockReply } from '../../src/models/mock-engine.js';
import { directCaller } from '../../src/models/direct-caller.js';
import { compileSchema } from '../../src/models/compile-schema.js';
import { repairInstruction } from '../../src/models/parse-reply.js';
import { withReasoningField } from '../../src/models/reasoning-reply.js';
import { withRetry } from '../../src/models/retry.js';
import { ModelCallError, ModelSetupError, type ChatMessage } from '../../src/models/types.js';
import { SynthkitError } from '../../src/core/synthkit-error.js';
import { rejection } from '../support/engine-helpers.js';

const messages: ChatMessage[] = [{ role: 'user', content: 'Rate it.' }];
const scoreSchema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'] };
const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens });

function setup(replies: MockReply[] | ((call: number) => MockReply)) {
  const engine = createMockEngine({ replies: typeof replies === 'function' ? (_request, call) => replies(call) : replies });
  const ask = <T = unknown>(request: Partial<StructuredRequest<T>> = {}) =>
    generateStructured<T>(directCaller(engine), { model: 'm', messages, context: { idx: 0, column: 'c' }, ...request });
  return { engine, ask };
}

describe('generateStructured', () => {
  it('returns a text answer, trimmed, with the raw reply, usage and one attempt', async () => {
    const { ask } = setup([{ text: '  Paris \n', usage: usage(10, 2) }]);
    expect(await ask()).toEqual({ ok: true, value: 'Paris', raw: '  Paris \n', reasoning: undefined, logprobs: undefined, usage: usage(10, 2), attempts: 1 });
  });

  it('repairs replies until one matches the schema, sending back each reply with the reason', async () => {
    const { engine, ask } = setup([
      { text: 'I would say three.', usage: usage(10, 4) },
      { text: '{"score": "3"}', usage: usage(30, 5) },
      { text: '```json\n{"score": 3}\n```', usage: usage(50, 6), logprobs: { mean: -0.2, min: -1 } },
    ]);
    const result = await ask({ schema: scoreSchema });
    expect(result).toMatchObject({
      ok: true,
      value: { score: 3 },
      raw: '```json\n{"score": 3}\n```',
      attempts: 3,
      usage: usage(90, 15),
      logprobs: { mean: -0.2, min: -1 },
    });
    expect(engine.requests).toHaveLength(3);
    expect(engine.requests[1].messages).toEqual([
      ...messages,
      { role: 'assistant', content: 'I would say three.' },
      { role: 'user', content: repairInstruction('the reply held no JSON value', scoreSchema) },
    ]);
    expect(engine.requests[2].messages.slice(3)).toEqual([
      { role: 'assistant', content: '{"score": "3"}' },
      { role: 'user', content: repairInstruction('the JSON does not match the schema: /score must be integer', scoreSchema) },
    ]);
  });

  it('gives up after the repair budget, keeping the last raw reply and a stable reason', async () => {
    const { engine, ask } = setup([
      { text: 'no', usage: usage(1, 1) },
      { text: 'still no', usage: usage(2, 2) },
    ]);
    expect(await ask({ schema: scoreSchema, maxRepairs: 1 })).toEqual({
      ok: false,
      reason: 'invalid_reply',
      error: 'the reply held no JSON value (after 2 attempts)',
      raw: 'still no',
      attempts: 2,
      usage: usage(3, 3),
    });
    expect(engine.requests).toHaveLength(2);
  });

  it(`repairs ${DEFAULT_MAX_REPAIRS} times by default, and not at all with a budget of 0`, async () => {
    expect(DEFAULT_MAX_REPAIRS).toBe(2);
    const many = setup(() => '');
    expect(await many.ask()).toMatchObject({ ok: false, reason: 'invalid_reply', error: 'the reply was empty (after 3 attempts)', attempts: 3 });
    const none = setup(() => '');
    expect(await none.ask({ maxRepairs: 0 })).toMatchObject({ ok: false, error: 'the reply was empty (after 1 attempt)', attempts: 1 });
  });

  it('validates with a precompiled validator when given one', async () => {
    const strict = compileSchema({ ...scoreSchema, properties: { score: { type: 'integer', minimum: 1, maximum: 5 } } });
    const { ask } = setup(['{"score": 9}', '{"score": 4}']);
    expect(await ask({ schema: scoreSchema, validate: strict })).toMatchObject({ ok: true, value: { score: 4 }, attempts: 2 });
  });

  it("asks again with the caller's check message, and passes the parsed value and reply to it", async () => {
    const seen: unknown[] = [];
    const { engine, ask } = setup(['Example one.', 'Something new.']);
    const result = await ask<string>({
      check: (value, reply) => {
        seen.push([value, reply.text]);
        return value === 'Example one.' ? 'the reply copies few-shot example 1 (similarity 1.00); write something new' : undefined;
      },
    });
    expect(result).toMatchObject({ ok: true, value: 'Something new.', attempts: 2 });
    expect(seen).toEqual([
      ['Example one.', 'Example one.'],
      ['Something new.', 'Something new.'],
    ]);
    expect(engine.requests[1].messages.at(-1)).toEqual({
      role: 'user',
      content: 'Your previous reply could not be used: the reply copies few-shot example 1 (similarity 1.00); write something new. Please answer again.',
    });
  });

  describe('reasoning', () => {
    it('inline: splits the reasoning from the answer, and asks again when there is none', async () => {
      const { engine, ask } = setup(['Paris.', '<reasoning>The capital of France.</reasoning>\nAnswer: Paris']);
      expect(await ask({ reasoning: 'inline' })).toMatchObject({ ok: true, value: 'Paris', reasoning: 'The capital of France.', attempts: 2 });
      expect(engine.requests[1].messages.at(-1)?.content).toBe(
        'Your previous reply could not be used: the reply has no reasoning before the answer. Please answer again.',
      );
    });

    it('field: sends the schema wrapped with a reasoning field and returns the answer', async () => {
      const { engine, ask } = setup(['{"reasoning": "It is fine.", "answer": {"score": 4}}']);
      expect(await ask({ schema: scoreSchema, reasoning: 'field' })).toMatchObject({
        ok: true,
        value: { score: 4 },
        reasoning: 'It is fine.',
        raw: '{"reasoning": "It is fine.", "answer": {"score": 4}}',
      });
      expect(engine.requests[0].schema).toEqual(withReasoningField(scoreSchema));
    });

    it('field: the repair message shows the wrapped schema', async () => {
      const { engine, ask } = setup(['{"score": 4}', '{"reasoning": "", "answer": {"score": 4}}']);
      expect(await ask({ schema: scoreSchema, reasoning: 'field' })).toMatchObject({ ok: true, value: { score: 4 }, reasoning: undefined, attempts: 2 });
      expect(engine.requests[1].messages.at(-1)?.content).toBe(
        repairInstruction(
          "the JSON does not match the schema: (root) must have required property 'reasoning'; (root) must have required property 'answer'; (root) must NOT have additional properties",
          withReasoningField(scoreSchema),
        ),
      );
    });

    it('field needs a schema', async () => {
      const { ask } = setup(['x']);
      const error = await rejection(ask({ reasoning: 'field' }));
      expect(error).toBeInstanceOf(StructuredRequestError);
      expect(SynthkitError.isInstance(error)).toBe(true);
    });

    it('keeps native reasoning apart, and strips reasoning tags the model also wrote into a text answer', async () => {
      const { ask } = setup([{ text: '<think>France.</think>Paris', reasoning: 'Native thoughts.' }]);
      expect(await ask()).toMatchObject({ ok: true, value: 'Paris', reasoning: 'Native thoughts.\n\nFrance.', raw: '<think>France.</think>Paris' });
    });

    it('native reasoning beside a JSON answer is returned as the reasoning, the JSON parsed as it is', async () => {
      const { ask } = setup([{ text: '{"score": 2}', reasoning: 'Thinking.' }]);
      expect(await ask({ schema: scoreSchema })).toMatchObject({ ok: true, value: { score: 2 }, reasoning: 'Thinking.' });
    });

    it('none: leaves tags in a text answer when the engine did not reason natively', async () => {
      const { ask } = setup(['Use <think> tags.']);
      expect(await ask()).toMatchObject({ ok: true, value: 'Use <think> tags.', reasoning: undefined });
    });
  });

  it('sends the request shape callers sent before (it is part of the cache key)', async () => {
    const { engine, ask } = setup(['{"score": 1}']);
    await ask({ schema: scoreSchema, temperature: 0, maxTokens: 50, seed: 7, logprobs: true, signal: new AbortController().signal });
    expect(JSON.stringify(engine.requests[0])).toBe(JSON.stringify({ messages, schema: scoreSchema, temperature: 0, maxTokens: 50, seed: 7, logprobs: true }));
    const plain = setup(['hi']);
    await plain.ask({ seed: 1 });
    expect(JSON.stringify(plain.engine.requests[0])).toBe(JSON.stringify({ messages, seed: 1 }));
  });

  it('derives the seed of each attempt with the seed function, or keeps one seed', async () => {
    const derived = setup(() => '');
    await derived.ask({ seed: (attempt) => 100 + attempt });
    expect(derived.engine.requests.map((r) => r.seed)).toEqual([100, 101, 102]);
    const fixed = setup(() => '');
    await fixed.ask({ seed: 5 });
    expect(fixed.engine.requests.map((r) => r.seed)).toEqual([5, 5, 5]);
  });

  it('passes the call context to the caller', async () => {
    const contexts: unknown[] = [];
    const engine = createMockEngine({ replies: ['ok'] });
    const caller = directCaller(engine);
    await generateStructured(
      {
        call: (model, request, context) => {
          contexts.push([model, context]);
          return caller.call(model, request, context);
        },
      },
      {
        model: 'judge',
        messages,
        context: { idx: -1, column: 'quality' },
      },
    );
    expect(contexts).toEqual([['judge', { idx: -1, column: 'quality' }]]);
  });

  it('reports a call that failed after its transport retries, keeping the previous raw reply and usage', async () => {
    const { ask } = setup([
      { text: 'nope', usage: usage(4, 1) },
      new ModelCallError('server error (500) (gave up after 5 retries)', { retryable: true, status: 500 }),
    ]);
    expect(await ask({ schema: scoreSchema })).toEqual({
      ok: false,
      reason: 'call_failed',
      error: 'model call failed: server error (500) (gave up after 5 retries)',
      raw: 'nope',
      attempts: 2,
      usage: usage(4, 1),
    });
  });

  it("records the engine's own reason for a request it cannot serve (a prompt over the context), not call_failed", async () => {
    const { ask } = setup([new ModelCallError('the prompt is 900 tokens ...', { retryable: false, reason: 'context_overflow' })]);
    const result = await ask();
    expect(result).toMatchObject({ ok: false, reason: 'context_overflow', attempts: 1 });
  });

  it('leaves transport retries to the engine: a retried 503 is not a repair', async () => {
    const engine = createMockEngine({ replies: [new ModelCallError('overloaded (503)', { retryable: true, status: 503 }), '{"score": 1}'] });
    const retried = withRetry(engine, { sleep: async () => {} });
    const result = await generateStructured(directCaller(retried), { model: 'm', messages, schema: scoreSchema, context: { idx: 0, column: 'c' } });
    expect(result).toMatchObject({ ok: true, value: { score: 1 }, attempts: 1 });
    expect(engine.requests).toHaveLength(2);
  });

  it.each([401, 403, 404])('stops the run on a %i: a ModelSetupError naming the model', async (status) => {
    const { ask } = setup([new ModelCallError(`rejected (${status})`, { retryable: false, status })]);
    const error = await rejection(ask({ model: 'gpt' }));
    expect(error).toBeInstanceOf(ModelSetupError);
    expect(error.message).toBe(`model 'gpt': rejected (${status})`);
  });

  it('rethrows errors that are not model call failures', async () => {
    class BudgetLikeError extends SynthkitError {}
    const { ask } = setup([new BudgetLikeError('over budget')]);
    expect(await rejection(ask())).toBeInstanceOf(BudgetLikeError);
  });

  it('rethrows an abort as it is, even when it surfaces as a ModelCallError', async () => {
    const controller = new AbortController();
    const { ask } = setup((call) => {
      controller.abort(new Error('user stopped'));
      return call === 0 ? new ModelCallError('connection reset', { retryable: true }) : 'never';
    });
    const error = await rejection(ask({ signal: controller.signal }));
    expect(error).toBeInstanceOf(ModelCallError);

    const during = new AbortController();
    const blocked = createMockEngine({ replies: () => new Promise<string>(() => {}) });
    const pending = generateStructured(directCaller(blocked), { model: 'm', messages, signal: during.signal, context: { idx: 0, column: 'c' } });
    during.abort(new Error('stopped mid-call'));
    expect((await rejection(pending)).message).toBe('stopped mid-call');
  });
});
