import { describe, expect, it } from 'vitest';
import { findEmails } from '../../../src/safety/pii/email.js';

describe('findEmails', () => {
  it('finds addresses with exact offsets', () => {
    const text = 'Write to jane.doe+news@mail.example.com.sg, or ops@x.io.';
    expect(findEmails(text).map((s) => [s.text, s.start, s.end])).toEqual([
      ['jane.doe+news@mail.example.com.sg', 9, 42],
      ['ops@x.io', 47, 55],
    ]);
    expect(findEmails(text)[0]).toMatchObject({ type: 'email', confidence: 0.95 });
  });
  it('ignores handles and malformed addresses', () => {
    expect(findEmails('@someone, user@localhost, a@b.c, user@@x.com')).toEqual([]);
  });
  it('finds bracketed and spaced-@ obfuscations', () => {
    const spans = (text: string) => findEmails(text).map((s) => [s.text, s.confidence]);
    expect(spans('email me at jane[at]gmail[dot]com')).toEqual([['jane[at]gmail[dot]com', 0.9]]);
    expect(spans('Email me at tan.wei (at) example (dot) sg after work')).toEqual([['tan.wei (at) example (dot) sg', 0.9]]);
    expect(spans('mail me john(at)example.co.uk.')).toEqual([['john(at)example.co.uk', 0.9]]);
    expect(spans('jane {AT} mail {DOT} com and jane @ mail dot com')).toEqual([
      ['jane {AT} mail {DOT} com', 0.9],
      ['jane @ mail dot com', 0.9],
    ]);
  });
  it('finds spelled-out addresses only with both words, a common TLD and a cue or an address-like name', () => {
    const spans = (text: string) => findEmails(text).map((s) => [s.text, s.confidence]);
    expect(spans('You can email me at raj at mail dot com any time')).toEqual([['raj at mail dot com', 0.8]]);
    expect(spans('Reach out: jane dot doe at example dot org')).toEqual([['jane dot doe at example dot org', 0.8]]);
    expect(spans('jane.tan at example dot com')).toEqual([['jane.tan at example dot com', 0.7]]);
    expect(spans('raj at mail dot com')).toEqual([]);
  });
  it('does not read ordinary sentences as obfuscated addresses', () => {
    for (const text of [
      'meet at home dot',
      'Let us meet at home at six, dot on time.',
      'I looked at the dot com boom in class, email me later.',
      'Email: we met at school dot com era',
      'She works at Amazon.com and lives at home.',
      'Write to me at work dot matters',
      'He is at [at] the door (dot)',
      'email jane at gmail dot bogus',
    ]) {
      expect(findEmails(text)).toEqual([]);
    }
  });
});
