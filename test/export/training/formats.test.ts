import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { EXPORT_FORMATS, exportFormatOf } from '../../../src/export/training/format-registry.js';
import { toChatExample } from '../../../src/export/training/export-mapping.js';
import { buildPreferencePairs } from '../../../src/export/training/preference-pairs.js';
import { ExportError } from '../../../src/export/training/export-error.js';
import type { ChatFormat, PreferenceFormat } from '../../../src/export/training/export-format.js';
import { FORMAT_SCHEMAS } from './format-schemas.js';

const ajv = new Ajv({ allErrors: true });
const single = toChatExample({ q: 'What is 2+2?', a: '4', sys: 'Be brief.' }, { system: 'sys', user: 'q', assistant: 'a' }, 3, 0.5);
const conversation = toChatExample(
  {
    convo: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'Tell me a joke.' },
      { role: 'assistant', content: 'Why did the chicken cross the road?' },
    ],
  },
  { messages: 'convo', system_prompt: 'You are friendly.' },
  4,
  0,
);

describe('training formats', () => {
  it('has one schema per registered format, so no format goes unvalidated', () => {
    expect(Object.keys(FORMAT_SCHEMAS).sort()).toEqual(EXPORT_FORMATS.map((f) => f.name).sort());
  });

  for (const format of EXPORT_FORMATS.filter((f): f is ChatFormat => f.kind === 'chat')) {
    it(`${format.name} rows validate against the published schema, with and without weights`, () => {
      const validate = ajv.compile(FORMAT_SCHEMAS[format.name]);
      const examples = format.name === 'alpaca' ? [single] : [single, conversation];
      for (const example of examples)
        for (const weightField of [false, true]) {
          const row = format.row(example, { weightField });
          expect(validate(row), `${format.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
        }
    });
  }

  it('openai-chat carries a weight of 0 or 1 on assistant turns only', () => {
    const f = exportFormatOf('openai-chat') as ChatFormat;
    const row = f.row(conversation, { weightField: true }) as { messages: { role: string; weight?: number }[] };
    expect(row.messages.map((m) => m.weight)).toEqual([undefined, undefined, 0, undefined, 0]);
    const kept = f.row(single, { weightField: true }) as { messages: { role: string; weight?: number }[] };
    expect(kept.messages.at(-1)!.weight).toBe(1);
  });

  it('chatml renders every turn with the im_start/im_end template', () => {
    expect((exportFormatOf('chatml') as ChatFormat).row(single, { weightField: false })).toEqual({
      text: '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n',
    });
  });

  it('alpaca refuses a multi-turn conversation instead of dropping turns', () => {
    expect(() => (exportFormatOf('alpaca') as ChatFormat).row(conversation, { weightField: false })).toThrow(/alpaca holds one user turn/);
  });

  it('trl-prompt-completion puts the last reply in the completion and the rest in the prompt', () => {
    const row = (exportFormatOf('trl-prompt-completion') as ChatFormat).row(conversation, { weightField: false }) as {
      prompt: unknown[];
      completion: { content: string }[];
    };
    expect(row.prompt).toHaveLength(4);
    expect(row.completion[0].content).toBe('Why did the chicken cross the road?');
  });
});

describe('mapping errors', () => {
  it('names a missing field and the fix', () => {
    expect(() => toChatExample({ question: 'q' }, { user: 'question', assistant: 'reply' }, 9, 1)).toThrow(
      /record 9: the mapping's assistant field 'reply' is not in the record \(fields: question\); fix mapping.assistant/,
    );
  });
  it('refuses an empty turn', () => {
    expect(() => toChatExample({ question: 'q', answer: '  ' }, { user: 'question', assistant: 'answer' }, 2, 1)).toThrow(ExportError);
    expect(() => toChatExample({ question: 'q', answer: null }, { user: 'question', assistant: 'answer' }, 2, 1)).toThrow(/assistant turn 'answer' is empty/);
    expect(() =>
      toChatExample(
        {
          c: [
            { role: 'user', content: 'x' },
            { role: 'assistant', content: '' },
          ],
        },
        { messages: 'c' },
        1,
        1,
      ),
    ).toThrow(/c\[1\] \(assistant\) is an empty turn/);
  });
  it('needs user and assistant or messages', () => {
    expect(() => toChatExample({ q: 'x' }, { user: 'q' }, 0, 1)).toThrow(/needs user and assistant fields/);
  });
});

describe('preference pairs', () => {
  const mapping = { user: 'prompt', assistant: 'reply' };
  it('from pairwise verdicts: winner chosen, vote difference as margin, ties skipped', () => {
    const records = [
      { id: 0, record: { prompt: 'p0', a: 'A0', b: 'B0', _signals: { pair: { preference: 1, votes_a: 3, votes_b: 0 } } } },
      { id: 1, record: { prompt: 'p1', a: 'A1', b: 'B1', _signals: { pair: { preference: -1, votes_a: 1, votes_b: 2 } } } },
      { id: 2, record: { prompt: 'p2', a: 'A2', b: 'B2', _signals: { pair: { preference: 0, votes_a: 1, votes_b: 1 } } } },
    ];
    const { pairs, skipped } = buildPreferencePairs(records, { from: 'pairwise', field_a: 'a', field_b: 'b' }, mapping);
    expect(pairs.map((p) => [p.chosen, p.rejected, p.margin])).toEqual([
      ['A0', 'B0', 3],
      ['B1', 'A1', 1],
    ]);
    expect(skipped).toEqual({ tie: 1 });
    const validate = ajv.compile(FORMAT_SCHEMAS.dpo);
    for (const p of pairs) expect(validate((exportFormatOf('dpo') as PreferenceFormat).row(p, { weightField: false }))).toBe(true);
    const openai = ajv.compile(FORMAT_SCHEMAS['openai-dpo']);
    for (const p of pairs) expect(openai((exportFormatOf('openai-dpo') as PreferenceFormat).row(p, { weightField: false }))).toBe(true);
  });

  it('from judge scores: best vs worst reply per prompt, score difference as margin, min_margin honoured', () => {
    const r = (id: number, prompt: string, reply: string, score?: number) => ({
      id,
      record: { prompt, reply, _signals: score === undefined ? {} : { judge: { score } } },
    });
    const records = [
      r(0, 'p', 'ok', 3),
      r(1, 'p', 'great', 5),
      r(2, 'p', 'bad', 1),
      r(3, 'q', 'x', 4),
      r(4, 'q', 'y', 3.5),
      r(5, 'lone', 'z', 2),
      r(6, 'p', 'unscored'),
    ];
    const { pairs, skipped } = buildPreferencePairs(records, { from: 'scores', min_margin: 1 }, mapping);
    expect(pairs).toEqual([{ id: 1, prompt: [{ role: 'user', content: 'p' }], chosen: 'great', rejected: 'bad', margin: 4 }]);
    expect(skipped).toEqual({ 'no score': 1, 'not the best or worst reply to its prompt': 1, 'margin below 1': 2, 'only reply to its prompt': 1 });
  });

  it('says which stage is missing when no record has the signal', () => {
    expect(() => buildPreferencePairs([{ id: 0, record: { prompt: 'p', reply: 'r' } }], { from: 'scores' }, mapping)).toThrow(
      /need a curate stage that records 'score'/,
    );
  });
});
