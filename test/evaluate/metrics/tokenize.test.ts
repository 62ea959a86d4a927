import { describe, expect, it } from 'vitest';
import { ngramKeys, wordTokens } from '../../../src/core/tokenize.js';

describe('wordTokens', () => {
  it('lowercases and drops punctuation', () => {
    expect(wordTokens('Hello, World! It’s 2024.')).toEqual(['hello', 'world', "it's", '2024']);
  });
  it('keeps accented and non-Latin words whole', () => {
    expect(wordTokens('Café Straße ПРИВЕТ мир')).toEqual(['café', 'straße', 'привет', 'мир']);
  });
  it('splits Han and kana into characters', () => {
    expect(wordTokens('我爱 Singapore')).toEqual(['我', '爱', 'singapore']);
  });
  it('normalises compatibility forms (NFKC)', () => {
    expect(wordTokens('ﬁne Ｆｕｌｌ')).toEqual(['fine', 'full']);
  });
  it('gives nothing for empty or symbol-only text', () => {
    expect(wordTokens('')).toEqual([]);
    expect(wordTokens('--- !!!')).toEqual([]);
  });
  it('builds n-gram keys', () => {
    expect(ngramKeys(['a', 'b', 'c'], 2)).toEqual(['a b', 'b c']);
    expect(ngramKeys(['a'], 2)).toEqual([]);
  });
});
