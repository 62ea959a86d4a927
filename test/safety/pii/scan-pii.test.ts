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

describe('scanPii on identity, bank and obfuscated data', () => {
  const scan = (text: string) => scanPii(text).map((s) => [s.type, s.text]);
  it('finds what the probes of issue reviewers found missing', () => {
    expect(scan('Hi, I am Mei Ling Tan, my NRIC is S8823471J and you can call me at +65 9123 4567.')).toEqual([
      ['person_name', 'Mei Ling Tan'],
      ['nric', 'S8823471J'],
      ['phone', '+65 9123 4567'],
    ]);
    expect(scan('My IBAN is GB82 WEST 1234 5698 7654 32 and passport number 123456789.')).toEqual([
      ['iban', 'GB82 WEST 1234 5698 7654 32'],
      ['passport', '123456789'],
    ]);
    expect(scan('SSN 123-45-6789 belongs to Jane Smith, born 1990-07-04.')).toEqual([
      ['us_ssn', '123-45-6789'],
      ['person_name', 'Jane Smith'],
      ['date_of_birth', '1990-07-04'],
    ]);
    expect(scan('Call me on 07700 900123 or email me at jane[at]gmail[dot]com')).toEqual([
      ['phone', '07700 900123'],
      ['email', 'jane[at]gmail[dot]com'],
    ]);
  });
  it('finds every new type in one text, and no phone inside any of them', () => {
    const text =
      'NI number AB 12 34 56 C, NHS number 943 476 5919, IC 880101-14-5566, Aadhaar 2341 2341 2346, PAN AFZPK7190K, ' +
      'driving licence MORGA657054SM9IJ, savings account 123-456789-0, MAC 00:1A:2B:3C:4D:5E.';
    expect(scanPii(text, { minConfidence: 0.5 }).map((s) => s.type)).toEqual([
      'uk_nino',
      'uk_nhs_number',
      'my_mykad',
      'in_aadhaar',
      'in_pan',
      'drivers_licence',
      'bank_account',
      'mac_address',
    ]);
  });
  it('reports nothing in ordinary texts full of numbers and codes', () => {
    for (const text of [
      'Order 123-45-6789 shipped on 2024-03-15; invoice 2024-000123 is due on 15.04.2024.',
      'Reference 1234 5678 9012, serial number 123456789, product code ABCDE1234F.',
      'The budget of $1,234,567,890 covers 150000 households; ISBN 978-0-306-40615-7.',
      'Flight SQ 321 departs at 10:45:30; GPS 1.290270, 103.851959; version 10.4.22.',
      'The passport fee is 75 dollars; my bank account balance is 1234.56; meet at home dot.',
      'Track parcel 1Z999AA10123456784; tracking number 9400 1000 0000 0000 0000 00.',
    ]) {
      expect(scanPii(text, { minConfidence: 0.5 })).toEqual([]);
    }
  });
  it('ranks a date of birth above a phone reading of it', () => {
    expect(scan('DOB 04.07.1990')).toEqual([['date_of_birth', '04.07.1990']]);
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
