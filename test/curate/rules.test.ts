/**
 * The quality rules against hand-made texts, at the published thresholds: a value exactly at a
 * threshold passes where the paper's rule is strict ("more than 90%"), one step over fails.
 */
import { describe, expect, it } from 'vitest';
import { gopherQuality } from '../../src/curate/rules/gopher-quality.js';
import { gopherRepetition, duplicateNgramChars, topNgramChars } from '../../src/curate/rules/gopher-repetition.js';
import { c4 } from '../../src/curate/rules/c4.js';
import { fineweb } from '../../src/curate/rules/fineweb.js';
import { lengthRule } from '../../src/curate/rules/length.js';
import { languageRule } from '../../src/curate/rules/language.js';
import { compileRegexRule } from '../../src/curate/rules/regex.js';
import { compileJsonSchemaRule } from '../../src/curate/rules/json-schema.js';

/** n words alternating "the" and "apple": mean length 4, plenty of stop words. */
const words = (n: number, a = 'the', b = 'apple') => Array.from({ length: n }, (_, i) => (i % 2 ? b : a)).join(' ');
/** A line of unique words, no punctuation at the end. */
const uniqueLine = (i: number, n = 8) =>
  Array.from(
    { length: n },
    (_, j) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + j)}`,
  ).join(' ');

describe('gopher quality (Rae et al. 2021, appendix A)', () => {
  it('word count: 50 passes, 49 fails; 100,000 passes, 100,001 fails', () => {
    expect(gopherQuality(words(50)).pass).toBe(true);
    expect(gopherQuality(words(49)).reasons).toEqual(['fewer than 50 words']);
    expect(gopherQuality(words(100_000)).pass).toBe(true);
    expect(gopherQuality(words(100_001)).reasons).toContain('more than 100000 words');
  });

  it('mean word length: exactly 3 passes, just under 3 fails; 10 passes, just over fails', () => {
    expect(gopherQuality(words(60, 'the', 'and')).signals.mean_word_length).toBe(3);
    expect(gopherQuality(words(60, 'the', 'and')).pass).toBe(true);
    const under = `${words(59, 'the', 'and')} to`;
    expect(gopherQuality(under).reasons).toEqual(['mean word length outside [3, 10]']);
    const ten = `the and ${Array.from({ length: 60 }, () => 'abcdefghij').join(' ')}`.replace('the and ', '');
    expect(gopherQuality(`${ten} the to of and`).signals.mean_word_length).toBeLessThan(10);
    const long = Array.from({ length: 60 }, (_, i) => (i < 2 ? 'the' : 'abcdefghijk')).join(' ');
    expect(gopherQuality(long).reasons).toContain('mean word length outside [3, 10]');
  });

  it('hash-to-word ratio: 0.1 passes, above fails', () => {
    expect(gopherQuality(`${words(50)} ${'# '.repeat(5)}`).pass).toBe(true);
    expect(gopherQuality(`${words(50)} ${'# '.repeat(6)}`).reasons).toEqual(['hash-to-word ratio above 0.1']);
  });

  it('bullet lines: 90% passes, 100% fails; ellipsis lines: 30% passes, 40% fails', () => {
    const lines = (bullets: number, ellipses: number) =>
      Array.from({ length: 10 }, (_, i) => `${i < bullets ? '- ' : ''}${words(10)}${i < ellipses ? '...' : '.'}`).join('\n');
    expect(gopherQuality(lines(9, 0)).pass).toBe(true);
    expect(gopherQuality(lines(10, 0)).reasons).toEqual(['more than 90% of lines start with a bullet']);
    expect(gopherQuality(lines(0, 3)).pass).toBe(true);
    expect(gopherQuality(lines(0, 4)).reasons).toEqual(['more than 30% of lines end with an ellipsis']);
  });

  it('words with a letter: 80% passes, 78% fails', () => {
    expect(gopherQuality(`${words(40)} ${'123 '.repeat(10)}`).pass).toBe(true);
    expect(gopherQuality(`${words(39)} ${'123 '.repeat(11)}`).reasons).toEqual(['fewer than 80% of words have a letter']);
  });

  it('stop words: 2 pass, 1 fails', () => {
    const noStops = Array.from({ length: 60 }, () => 'apple').join(' ');
    expect(gopherQuality(`${noStops} the with`).pass).toBe(true);
    expect(gopherQuality(`${noStops} the`).reasons).toEqual(['fewer than 2 stop words']);
  });

  it('a short synthetic record passes with min_words lowered', () => {
    const text = 'The booking page kept timing out, so I had to call the clinic instead.';
    expect(gopherQuality(text).pass).toBe(false);
    expect(gopherQuality(text, { min_words: 3 }).pass).toBe(true);
  });
});

describe('gopher repetition (Rae et al. 2021, table A1)', () => {
  it('duplicate line fraction: 0.3 passes, above fails', () => {
    const base = Array.from({ length: 6 }, (_, i) => uniqueLine(i));
    const ok = [...base, 'ab', 'ab', 'ab', 'ab'].join('\n');
    expect(gopherRepetition(ok).signals.duplicate_line_fraction).toBe(0.3);
    expect(gopherRepetition(ok).pass).toBe(true);
    const bad = [...base, 'ab', 'ab', 'ab', 'ab', 'ab'].join('\n');
    expect(gopherRepetition(bad).reasons).toEqual(['duplicate line fraction above 0.3']);
  });

  it('duplicate line characters: above 0.2 fails', () => {
    const line = uniqueLine(1);
    const text = [line, line, ...Array.from({ length: 2 }, (_, i) => uniqueLine(10 + i))].join('\n');
    const r = gopherRepetition(text);
    expect(r.signals.duplicate_line_char_fraction).toBeGreaterThan(0.2);
    expect(r.reasons).toContain('duplicate line character fraction above 0.2');
  });

  it('top 2-gram character fraction: just under 0.2 passes, just over fails', () => {
    const base = 'xx yy filler10 xx yy filler11 xx yy filler12 xx yy filler13';
    const over = `${base} ${'z'.repeat(39)}`; // 20 / 99
    const under = `${base} ${'z'.repeat(41)}`; // 20 / 101
    expect(topNgramChars(over.split(' '), 2)).toBe(20);
    expect(gopherRepetition(over).reasons).toEqual(['top 2-gram character fraction above 0.2']);
    expect(gopherRepetition(under).pass).toBe(true);
  });

  it('duplicate n-grams: counts repeats once, skipping past each', () => {
    expect(duplicateNgramChars('a b c d e a b c d e'.split(' '), 5)).toBe(5);
    const looped = Array.from({ length: 4 }, () => 'one two three four five six').join(' ');
    const r = gopherRepetition(looped);
    expect(r.pass).toBe(false);
    expect(r.reasons).toContain('duplicate 5-gram character fraction above 0.15');
  });

  it('a varied paragraph passes', () => {
    expect(gopherRepetition('The app lets me book a slot in seconds. Reminders arrive a day early, which helps a lot.').pass).toBe(true);
  });
});

describe('C4 (Raffel et al. 2020, section 2.2)', () => {
  const sentence = (i: number) => `This is a proper sentence number ${i}.`;
  it('3 sentences in kept lines pass, 2 fail', () => {
    expect(c4([sentence(1), sentence(2), sentence(3)].join('\n')).pass).toBe(true);
    expect(c4([sentence(1), sentence(2)].join('\n')).reasons).toEqual(['fewer than 3 sentences in the lines C4 keeps']);
  });
  it('lines without terminal punctuation, under 5 words, or about javascript/policies do not count', () => {
    const text = [
      sentence(1),
      sentence(2),
      'no end punctuation in this line at all',
      'Too short here.',
      'Please enable JavaScript to view this page.',
      'Read our privacy policy before you continue.',
    ].join('\n');
    const r = c4(text);
    expect(r.signals).toMatchObject({
      kept_lines: 2,
      lines_without_terminal_punctuation: 1,
      lines_with_too_few_words: 1,
      lines_with_javascript: 1,
      lines_with_policy: 1,
    });
    expect(r.pass).toBe(false);
  });
  it('lorem ipsum and curly brackets fail the page', () => {
    const ok = [sentence(1), sentence(2), sentence(3)].join('\n');
    expect(c4(`${ok}\nLorem ipsum dolor sit amet, consectetur.`).reasons).toContain('contains "lorem ipsum"');
    const curly = `${ok}\nThe value {x} is a template placeholder.`;
    expect(c4(curly).reasons).toEqual(['contains a curly bracket']);
    expect(c4(curly, { filter_curly_bracket: false }).pass).toBe(true);
  });
  it('min_sentences can be lowered for one-sentence records', () => {
    expect(c4('The vaccination certificate downloaded without any trouble.', { min_sentences: 1 }).pass).toBe(true);
  });
});

describe('FineWeb (Penedo et al. 2024)', () => {
  const long = (i: number) => `${uniqueLine(i, 5)} and some more words here`; // > 30 chars, no end punctuation
  it('line punctuation ratio: 0.12 passes, 0.08 fails', () => {
    const lines = (punct: number) => Array.from({ length: 25 }, (_, i) => `${long(i)}${i < punct ? '.' : ''}`).join('\n');
    expect(fineweb(lines(3)).signals.line_punctuation_ratio).toBe(0.12);
    expect(fineweb(lines(3)).pass).toBe(true);
    expect(fineweb(lines(2)).reasons).toEqual(['fewer than 0.12 of lines end with punctuation']);
  });
  it('short lines: 66% pass, 67% fail', () => {
    const lines = (short: number) => Array.from({ length: 100 }, (_, i) => (i < short ? `Short line ${i}.` : `${long(i)}.`)).join('\n');
    expect(fineweb(lines(66)).pass).toBe(true);
    expect(fineweb(lines(67)).reasons).toEqual(['0.67 or more of lines are 30 characters or shorter']);
  });
  it('duplicated line characters: just under 0.1 passes, 0.1 or more fails', () => {
    const dup = 'This exact line appears twice in the text.'; // 42 chars
    const body = Array.from({ length: 3 }, (_, i) => `${long(i)}.`);
    const make = (pad: number) => [dup, dup, ...body, `${'q'.repeat(pad)}.`].join('\n');
    const chars = (pad: number) => make(pad).replace(/\n/g, '').length;
    let pad = 1;
    while (42 / chars(pad) >= 0.1) pad++;
    expect(fineweb(make(pad)).pass).toBe(true);
    expect(fineweb(make(pad - 1)).reasons).toEqual(['0.1 or more of characters are in duplicated lines']);
  });
  it('list-like text fails', () => {
    const list = Array.from({ length: 10 }, (_, i) => `Item number ${i} in a long list of items.`).join('\n');
    expect(fineweb(list).pass).toBe(true);
    const bare = Array.from({ length: 10 }, (_, i) => `Itemnumber${i}withnospacesatall indeed.`).join('\n');
    expect(fineweb(bare).reasons).toContain('list-like: more than 0.3 newlines per word');
  });
});

describe('length, language, regex, JSON schema', () => {
  it('length bounds apply only when set', () => {
    expect(lengthRule('one two three', {}).pass).toBe(true);
    expect(lengthRule('one two three', { min_words: 3, max_words: 3 }).pass).toBe(true);
    expect(lengthRule('one two three', { min_words: 4 }).reasons).toEqual(['fewer than 4 words']);
    expect(lengthRule('hello, world!', { max_tokens: 3 }).signals.tokens).toBe(4);
    expect(lengthRule('héllo', { max_chars: 4 }).reasons).toEqual(['more than 4 characters']);
  });
  it('language: English passes, French fails for [en]', () => {
    expect(languageRule('The appointment booking page is slow and keeps crashing on my phone.', { languages: ['en'] }).result.pass).toBe(true);
    const fr = languageRule('La page de réservation des rendez-vous est lente et plante souvent sur mon téléphone.', { languages: ['en'] });
    expect(fr.language).toBe('fr');
    expect(fr.result.reasons).toEqual(['language is not en']);
  });
  it('regex must / must not', () => {
    const rule = compileRegexRule({ must_match: ['app'], must_not_match: ['\\bS\\d{7}[A-Z]\\b'], ignore_case: true });
    expect(rule('The App works').pass).toBe(true);
    expect(rule('my NRIC is S1234567D in the app').reasons).toEqual(['matches forbidden /\\bS\\d{7}[A-Z]\\b/']);
    expect(rule('nothing here').reasons).toEqual(['does not match /app/']);
  });
  it('JSON schema on an object or a JSON string', () => {
    const rule = compileJsonSchemaRule({ type: 'object', properties: { urgency: { enum: ['low', 'high'] } }, required: ['urgency'] });
    expect(rule({ urgency: 'low' }).pass).toBe(true);
    expect(rule('{"urgency":"high"}').pass).toBe(true);
    expect(rule({ urgency: 'soon' }).reasons[0]).toMatch(/^\/urgency must be equal to one of the allowed values/);
    expect(rule('{not json').reasons).toEqual(['not valid JSON']);
  });
});
