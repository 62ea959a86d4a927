import { describe, expect, it } from 'vitest';
import { chunkText } from '../../src/grounding/chunk-text.js';
import { findHeadings } from '../../src/grounding/find-headings.js';
import { countTokens, indexTerms, sStem } from '../../src/grounding/tokenize.js';

const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('chunkText', () => {
  it('maps every chunk back to the text exactly, with its token count', () => {
    const text = `# Title\n\nIntro paragraph here.\n\n## Part A\n\n${words(300).join(' ')}.\n\n## Part B\n\nShort   closing\ttext, with "quotes" and don't.`;
    const spans = chunkText(text, { maxTokens: 64, overlapTokens: 8 });
    expect(spans.length).toBeGreaterThan(4);
    for (const span of spans) {
      const slice = text.slice(span.start, span.end);
      expect(slice).toBe(slice.trim());
      expect(span.tokens).toBe(countTokens(slice));
      expect(span.tokens).toBeLessThanOrEqual(64);
    }
  });

  it('never splits a word and overlaps size splits by about overlapTokens', () => {
    const text = words(1000, 'word').join(' ');
    const spans = chunkText(text, { maxTokens: 100, overlapTokens: 20 });
    for (const span of spans) {
      expect(span.start === 0 || text[span.start - 1] === ' ').toBe(true);
      expect(span.end === text.length || text[span.end] === ' ').toBe(true);
    }
    for (let i = 1; i < spans.length; i++) {
      const overlap = text.slice(spans[i].start, spans[i - 1].end);
      expect(spans[i].start).toBeLessThan(spans[i - 1].end);
      expect(countTokens(overlap)).toBe(20);
    }
    expect(spans[spans.length - 1].end).toBe(text.length);
  });

  it('cuts at headings without overlap and keeps a heading with its section', () => {
    const text = `# Guide\n\n## Eligibility\n\nYou must be 18.\n\n## Appeals\n\nAsk within 28 days.`;
    const spans = chunkText(text, { maxTokens: 256, overlapTokens: 32 });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['# Guide\n\n## Eligibility\n\nYou must be 18.', '## Appeals\n\nAsk within 28 days.']);
    expect(spans.map((s) => s.headingPath)).toEqual([
      ['Guide', 'Eligibility'],
      ['Guide', 'Appeals'],
    ]);
  });

  it('prefers a paragraph break, then a sentence end, in the second half of the window', () => {
    const para1 = words(30, 'a').join(' ');
    const para2 = `${words(10, 'b').join(' ')}. ${words(25, 'c').join(' ')}`;
    const text = `${para1}\n\n${para2}`;
    const [first] = chunkText(text, { maxTokens: 50, overlapTokens: 0 });
    expect(text.slice(first.start, first.end)).toBe(para1);
    const noParagraph = `${words(30, 'a').join(' ')}. ${words(30, 'b').join(' ')}`;
    const [cut] = chunkText(noParagraph, { maxTokens: 50, overlapTokens: 0 });
    expect(noParagraph.slice(cut.start, cut.end)).toBe(`${words(30, 'a').join(' ')}.`);
  });

  it('returns nothing for whitespace and rejects bad options', () => {
    expect(chunkText(' \n\t ')).toEqual([]);
    expect(() => chunkText('x', { maxTokens: 64, overlapTokens: 40 })).toThrow(/overlapTokens/);
  });
});

describe('findHeadings', () => {
  it('finds ATX and one-line setext headings, not lines in code fences', () => {
    const text = 'TITLE\n=====\n\n```\n# not a heading\n```\n\n### Real ###\n\nlong paragraph line\nsecond line\n---\n';
    expect(findHeadings(text).map((h) => [h.level, h.text])).toEqual([
      [1, 'TITLE'],
      [3, 'Real'],
    ]);
  });
});

describe('tokenizers', () => {
  it('counts words and punctuation as tokens, keeping in-word apostrophes', () => {
    expect(countTokens("Don't stop: 42,000 credits!")).toBe(8); // Don't stop : 42 , 000 credits !
  });

  it('indexes lowercase non-stopwords folded by the S-stemmer', () => {
    expect(indexTerms('The Policies of the Flats and Houses')).toEqual(['policy', 'flat', 'house']);
    expect(['fees', 'status', 'glass', 'gas'].map(sStem)).toEqual(['fee', 'status', 'glass', 'gas']);
  });
});
