import { describe, expect, it } from 'vitest';
import { COT_INSTRUCTION } from '../../src/prompting/reasoning.js';
import { REASONING_MAX_LENGTH, ReasoningError, splitReasoning, unwrapReasoning, withReasoningField } from '../../src/models/reasoning-reply.js';

describe('splitReasoning', () => {
  it('takes native reasoning as given and leaves the text as the answer', () => {
    expect(splitReasoning('  Paris.\n', ' The capital of France. ')).toEqual({ reasoning: 'The capital of France.', answer: '  Paris.\n' });
    // Blank native reasoning counts as none.
    expect(splitReasoning('<think>x</think>Paris', '  ')).toEqual({ reasoning: 'x', answer: 'Paris' });
  });

  it('strips inline reasoning tags from the answer even when the engine also returned native reasoning', () => {
    // Bug 7: a model that reasons natively may still follow COT_INSTRUCTION and write the tags too.
    expect(splitReasoning('<reasoning>France, so Paris.</reasoning>\nAnswer: Paris', 'The capital of France.')).toEqual({
      reasoning: 'The capital of France.\n\nFrance, so Paris.',
      answer: 'Paris',
    });
    expect(splitReasoning('still thinking</think>Paris', 'native')).toEqual({ reasoning: 'native\n\nstill thinking', answer: 'Paris' });
    // An empty inline block adds nothing to the native reasoning.
    expect(splitReasoning('<think></think>Paris', 'native')).toEqual({ reasoning: 'native', answer: 'Paris' });
  });

  it.each(['think', 'thinking', 'reasoning', 'THINK'])('splits a closed <%s> block from the answer', (tag) => {
    expect(splitReasoning(`<${tag}>\n2 + 2 is 4.\n</${tag}>\n\nThe answer is 4.`)).toEqual({ reasoning: '2 + 2 is 4.', answer: 'The answer is 4.' });
  });

  it('parses the format COT_INSTRUCTION asks for, dropping the Answer label', () => {
    expect(COT_INSTRUCTION).toContain('<reasoning>');
    expect(COT_INSTRUCTION).toContain('Answer:');
    const reply = 'Sure.\n<reasoning>\nThe user is angry, so be brief.\n</reasoning>\nAnswer: Sorry for the delay.';
    // The preamble before the block is chatter, not answer.
    expect(splitReasoning(reply)).toEqual({ reasoning: 'The user is angry, so be brief.', answer: 'Sorry for the delay.' });
  });

  it('strips a leading answer label after the block, in its common spellings', () => {
    for (const label of ['Answer:', 'Final answer:', '**Answer:**', '**Final Answer**:', 'answer :']) {
      expect(splitReasoning(`<reasoning>r</reasoning>\n${label} 42`)).toEqual({ reasoning: 'r', answer: '42' });
    }
  });

  it('joins several think blocks; the answer is what follows the last', () => {
    expect(splitReasoning('<think>a</think>x <think>b</think>y')).toEqual({ reasoning: 'a\n\nb', answer: 'y' });
    // Nothing after the last block: the text around the blocks is the answer.
    expect(splitReasoning('Answer: 5 <reasoning>r</reasoning>')).toEqual({ reasoning: 'r', answer: '5' });
  });

  it('gives no reasoning for an empty think block', () => {
    expect(splitReasoning('<think>\n\n</think>\n\nHello')).toEqual({ answer: 'Hello' });
  });

  it('treats text before a closing tag with no opening one as reasoning (template opened <think>)', () => {
    expect(splitReasoning('Let me see. 3 * 3 = 9.\n</think>\n\n9')).toEqual({ reasoning: 'Let me see. 3 * 3 = 9.', answer: '9' });
  });

  it('splits an unclosed tag at a blank line followed by Answer:', () => {
    expect(splitReasoning('<think>\nStep one.\nStep two.\n\nAnswer: done')).toEqual({ reasoning: 'Step one.\nStep two.', answer: 'done' });
    expect(splitReasoning('<thinking>Step.\n\nFinal answer: yes')).toEqual({ reasoning: 'Step.', answer: 'yes' });
  });

  it('makes an unclosed tag with no answer all reasoning, with an empty answer', () => {
    expect(splitReasoning('<think>I was cut off mid-thou')).toEqual({ reasoning: 'I was cut off mid-thou', answer: '' });
    // An Answer: without a blank line before it stays inside the reasoning.
    expect(splitReasoning('<think>maybe\nAnswer: 3? no')).toEqual({ reasoning: 'maybe\nAnswer: 3? no', answer: '' });
  });

  it('parses labelled Reasoning:/Answer: sections, preferring Final answer', () => {
    expect(splitReasoning('Reasoning: it rains, so take an umbrella.\nAnswer: Take an umbrella.')).toEqual({
      reasoning: 'it rains, so take an umbrella.',
      answer: 'Take an umbrella.',
    });
    expect(splitReasoning('**Reasoning:**\nAnswer: maybe 3.\nNo, 4.\nFinal answer: 4')).toEqual({
      reasoning: 'Answer: maybe 3.\nNo, 4.',
      answer: '4',
    });
    // The answer itself may hold an "Answer:" line (a generated Q&A pair); the first label splits.
    expect(splitReasoning('Reasoning: write a pair.\nAnswer:\nQuestion: Why?\nAnswer: Because.')).toEqual({
      reasoning: 'write a pair.',
      answer: 'Question: Why?\nAnswer: Because.',
    });
    expect(splitReasoning('Reasoning: never finished')).toEqual({ reasoning: 'never finished', answer: '' });
  });

  it('returns text without reasoning untouched, even when it holds an Answer: label', () => {
    for (const text of ['Just an answer.', 'Question: Why?\nAnswer: Because.', '  spaced  \n', 'Work: 2+2\nFinal answer: 4']) {
      expect(splitReasoning(text)).toEqual({ answer: text });
    }
  });
});

describe('withReasoningField / unwrapReasoning', () => {
  it('wraps a schema with reasoning first and both required', () => {
    const answer = { type: 'object', properties: { label: { enum: ['a', 'b'] } }, required: ['label'] };
    const wrapped = withReasoningField(answer);
    expect(wrapped).toEqual({
      type: 'object',
      properties: { reasoning: { type: 'string', maxLength: REASONING_MAX_LENGTH }, answer },
      required: ['reasoning', 'answer'],
      additionalProperties: false,
    });
    expect(REASONING_MAX_LENGTH).toBe(2000);
    expect(Object.keys(wrapped.properties as object)).toEqual(['reasoning', 'answer']);
  });

  it('unwraps a value into its reasoning and answer', () => {
    expect(unwrapReasoning({ reasoning: ' because ', answer: { label: 'a' } })).toEqual({ reasoning: 'because', answer: { label: 'a' } });
    expect(unwrapReasoning({ reasoning: '', answer: 0 })).toEqual({ answer: 0 });
  });

  it.each([[null], [[1]], ['text'], [{ reasoning: 'r' }], [{ reasoning: 3, answer: 1 }]])('rejects %j', (value) => {
    expect(() => unwrapReasoning(value)).toThrow(ReasoningError);
  });
});
