import { describe, expect, it } from 'vitest';
import { closestName, didYouMean } from '../../src/core/closest-name.js';

describe('closestName', () => {
  it('finds typos: a dropped, doubled, swapped or wrong letter, ignoring case, - and _', () => {
    expect(closestName('temprature', ['temperature', 'top_p', 'max_tokens'])).toBe('temperature');
    expect(closestName('wieghts', ['values', 'weights'])).toBe('weights');
    expect(closestName('llm-txt', ['llm-text', 'llm-object'])).toBe('llm-text');
    expect(closestName('MaxTokens', ['max_tokens'])).toBe('max_tokens');
    expect(closestName('categroy', ['category', 'subcategory'])).toBe('category');
  });

  it('suggests nothing for a different word, a 1-2 letter name, or an exact match', () => {
    expect(closestName('banana', ['topic', 'text'])).toBeUndefined();
    expect(closestName('n', ['m'])).toBeUndefined();
    expect(closestName('topic', ['topic'])).toBeUndefined();
    expect(didYouMean('zzz', ['aaa'])).toBe('');
    expect(didYouMean('topc', ['topic'])).toBe(" (did you mean 'topic'?)");
  });
});
