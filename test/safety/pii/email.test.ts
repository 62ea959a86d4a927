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
});
