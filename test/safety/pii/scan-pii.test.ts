import { describe, expect, it } from 'vitest';
import { scanPii } from '../../../src/safety/pii/scan-pii.js';
import { resolveOverlaps } from '../../../src/safety/pii/resolve-overlaps.js';
import { scanRecordsForPii } from '../../../src/safety/pii/scan-records.js';
import type { PiiSpan } from '../../../src/safety/pii/types.js';

describe('scanPii', () => {
  const text = 'Mr Lim (S1234567D) paid with 4111 1111 1111 1111; email lim@example.com, call +65 9123 4567.';
  it('merges recognizers into sorted, non-overlapping spans', () => {
    expect(scanPii(text).map((s) => [s.type, s.text])).toEqual([
      ['person_name', 'Lim'],
      ['nric', 'S1234567D'],
      ['credit_card', '4111 1111 1111 1111'],
      ['email', 'lim@example.com'],
      ['phone', '+65 9123 4567'],
    ]);
  });
  it('filters by type and confidence', () => {
    expect(scanPii(text, { types: ['email'] }).map((s) => s.type)).toEqual(['email']);
    expect(scanPii(text, { minConfidence: 0.9 }).map((s) => s.type)).toEqual(['nric', 'credit_card', 'email', 'phone']);
    expect(() => scanPii(text, { types: ['ssn' as never] })).toThrow(/unknown PII type/);
  });
  it('does not report digit groups inside a card number as phones', () => {
    // "9555 5555" inside the card number is phone-shaped.
    expect(scanPii('card 5555 9555 5555 5559 ok').map((s) => s.type)).toEqual(['credit_card']);
  });
});

describe('resolveOverlaps', () => {
  const span = (type: PiiSpan['type'], start: number, end: number, confidence: number): PiiSpan => ({ type, start, end, text: '', confidence });
  it('keeps the higher-priority type, then the surer, then the longer span', () => {
    expect(resolveOverlaps([span('phone', 0, 10, 0.95), span('credit_card', 2, 20, 0.6)])).toEqual([span('credit_card', 2, 20, 0.6)]);
    expect(resolveOverlaps([span('phone', 0, 10, 0.5), span('phone', 5, 12, 0.9)])).toEqual([span('phone', 5, 12, 0.9)]);
    expect(resolveOverlaps([span('phone', 0, 10, 0.9), span('phone', 5, 20, 0.9), span('email', 30, 40, 0.9)])).toEqual([
      span('phone', 5, 20, 0.9),
      span('email', 30, 40, 0.9),
    ]);
  });
});

describe('scanRecordsForPii', () => {
  it('counts spans and records per type with examples', () => {
    const records = [
      { q: 'reach me at a@b.co', meta: { note: 'none' } },
      { q: 'a@b.co and c@d.co', meta: { note: 'DOB 01/02/1990' } },
      { q: 'nothing here', meta: { note: 42 } },
    ];
    const summary = scanRecordsForPii(records, ['q', 'meta.note'], { examplesPerType: 2 });
    expect(summary).toMatchObject({
      records: 3,
      recordsWithPii: 2,
      counts: { email: 3, date_of_birth: 1 },
      recordsPerType: { email: 2, date_of_birth: 1 },
    });
    expect(summary.examples.email).toEqual([
      { record: 0, field: 'q', text: 'a@b.co', confidence: 0.95 },
      { record: 1, field: 'q', text: 'a@b.co', confidence: 0.95 },
    ]);
  });
});
