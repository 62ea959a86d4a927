import { describe, expect, it } from 'vitest';
import { copiedExample } from '../../../src/prompting/few-shot/copy-check.js';
import { FewShotError } from '../../../src/prompting/few-shot/load-examples.js';

const examples = [
  'The quick brown fox jumps over the lazy dog near the river bank.',
  'My order arrived two weeks late and the box was damaged when it came. Nobody answered the phone when I called, and the chat window kept closing before I could explain what happened.',
  'Please reset my password because I cannot log in to the portal anymore.',
];

describe('copiedExample', () => {
  it('flags a verbatim copy despite case, spacing and punctuation, and one wrapped in other text', () => {
    expect(copiedExample(examples[1].toUpperCase().replaceAll(',', ' ,;'), examples)).toEqual({
      index: 1,
      similarity: 1,
      verbatim: true,
    });
    const wrapped = `Sure! Here is a message: ${examples[2]} Thanks for your help with this.`;
    expect(copiedExample(wrapped, examples)).toMatchObject({ index: 2, verbatim: true });
  });

  it('flags an output that is a whole-word fragment of an example as verbatim', () => {
    expect(copiedExample('the box was damaged', examples)).toMatchObject({ index: 1, verbatim: true });
    // Too short to judge, and "cat" is not inside "concatenate".
    expect(copiedExample('late', examples)).toBeUndefined();
    expect(copiedExample('cat', ['concatenate the strings'])).toBeUndefined();
  });

  it('flags a near copy with a word changed', () => {
    const near = `${examples[1]} Sadly.`;
    const result = copiedExample(near.replace('damaged', 'dented'), examples);
    expect(result).toMatchObject({ index: 1, verbatim: false });
    expect(result!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(result!.similarity).toBeLessThan(1);
    expect(copiedExample(near.replace('damaged', 'dented'), examples, { threshold: 0.95 })).toBeUndefined();
  });

  it('lets an original output through', () => {
    expect(copiedExample('The invoice for March lists a charge I do not recognise; please explain it.', examples)).toBeUndefined();
    expect(copiedExample('', examples)).toBeUndefined();
    expect(copiedExample('anything at all here', [])).toBeUndefined();
  });

  it('prefers a verbatim match over a more similar near one', () => {
    const result = copiedExample('alpha beta gamma delta epsilon', ['alpha beta gamma delta epsilon zeta', 'beta gamma delta']);
    expect(result).toMatchObject({ index: 1, verbatim: true });
  });

  it('rejects a bad threshold or n', () => {
    expect(() => copiedExample('x', examples, { threshold: 0 })).toThrow(FewShotError);
    expect(() => copiedExample('x', examples, { n: 0 })).toThrow(/n must be a whole number/);
  });
});
