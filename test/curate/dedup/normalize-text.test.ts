import { describe, expect, it } from 'vitest';
import { normalizeForDedup, wordShingles } from '../../../src/curate/dedup/normalize-text.js';

describe('normalizeForDedup', () => {
  it('lowercases, turns punctuation and symbols into spaces, and collapses whitespace', () => {
    expect(normalizeForDedup("  Hello,   World!\n\tIt's  $5 + tax… ")).toBe('hello world it s 5 tax');
    expect(normalizeForDedup('end.Start well-known')).toBe('end start well known');
  });

  it('folds Unicode compatibility forms (NFKC) before lowercasing', () => {
    expect(normalizeForDedup('ＡＢＣ ﬁne ①\u00a0x')).toBe('abc fine 1 x');
    expect(normalizeForDedup('İstanbul ÉCOLE')).toBe(normalizeForDedup('i̇stanbul école'));
  });

  it('keeps letters of every script, digits and diacritics', () => {
    expect(normalizeForDedup('Café 日本語 Ελληνικά 42')).toBe('café 日本語 ελληνικά 42');
  });

  it('gives the empty string for text with no words', () => {
    expect(normalizeForDedup(' \n ... !!! ')).toBe('');
  });

  it('drops invisible characters and folds Latin look-alikes in mixed-script words, not real Cyrillic or Greek', () => {
    expect(normalizeForDedup('He\u200bllo wor\u00adld\u2060!')).toBe('hello world');
    expect(normalizeForDedup('good\uFE0F job')).toBe('good job');
    // Cyrillic а, о and р inside Latin words.
    expect(normalizeForDedup('Pаypal ассount for Rоbert')).toBe('paypal account for robert');
    expect(normalizeForDedup('Привет мир, Το νερό')).toBe('привет мир το νερό');
  });

  it('is idempotent', () => {
    const once = normalizeForDedup('A  b.\nC—d «e»');
    expect(normalizeForDedup(once)).toBe(once);
  });
});

describe('wordShingles', () => {
  it('gives the word n-grams of the normalized text in order', () => {
    expect(wordShingles('The cat sat, on the mat.', 3)).toEqual(['the cat sat', 'cat sat on', 'sat on the', 'on the mat']);
  });

  it('gives one shingle for a text shorter than n, and none for an empty text', () => {
    expect(wordShingles('Just two', 5)).toEqual(['just two']);
    expect(wordShingles('?!', 5)).toEqual([]);
  });

  it('rejects a non-positive n', () => {
    expect(() => wordShingles('a b', 0)).toThrow(RangeError);
  });
});
