import { describe, expect, it } from 'vitest';
import { findPhones } from '../../../src/safety/pii/phone.js';

const texts = (text: string) => findPhones(text).map((s) => s.text);

describe('findPhones', () => {
  it('finds Singapore numbers with and without the country prefix', () => {
    expect(texts('Call +65 9123 4567 or (65) 6123-4567 or (+65)81234567.')).toEqual(['+65 9123 4567', '(65) 6123-4567', '(+65)81234567']);
    expect(findPhones('+65 9123 4567')[0].confidence).toBe(0.95);
  });
  it('rates bare eight-digit numbers by context', () => {
    expect(findPhones('My HP is 9123 4567')[0]).toMatchObject({ text: '9123 4567', confidence: 0.85 });
    expect(findPhones('Sent 91234567 yesterday')[0].confidence).toBe(0.5);
    // Issue 11: a reference word before a phone-shaped number makes it a look-alike (was 0.5).
    expect(findPhones('Order 91234567 shipped')[0].confidence).toBe(0.2);
  });
  it('requires Singapore numbers to start with 3, 6, 8 or 9', () => {
    expect(texts('codes 12345678 and 51234567')).toEqual([]);
  });
  it('finds E.164 international numbers', () => {
    expect(texts('US office: +1 415 555 2671, UK +44 20 7946 0958, DE +4930123456.')).toEqual(['+1 415 555 2671', '+44 20 7946 0958', '+4930123456']);
    expect(texts('+1 (415) 555-2671')).toEqual(['+1 (415) 555-2671']);
  });
  it('does not match inside longer digit runs', () => {
    expect(texts('card 4111 1111 1111 1111 and id 912345678901')).toEqual([]);
  });
  it('finds national formats of other regions by libphonenumber, rated by context', () => {
    expect(texts('Ring (415) 555-2671, 020 7946 0958, 030 1234567 or 01 42 68 53 00.')).toEqual([
      '(415) 555-2671',
      '020 7946 0958',
      '030 1234567',
      '01 42 68 53 00',
    ]);
    expect(findPhones('call 020 7946 0958')[0].confidence).toBe(0.85);
    expect(findPhones('see 020 7946 0958')[0].confidence).toBe(0.6);
  });
  it('reads 00 as the international prefix and keeps possible numbers outside the ranges in use', () => {
    expect(findPhones('ring 0044 20 7946 0958')[0]).toMatchObject({ text: '0044 20 7946 0958', confidence: 0.95 });
    expect(findPhones('Contact: +44 7700 900123')[0]).toMatchObject({ text: '+44 7700 900123', confidence: 0.7 });
  });
  it('rates reference numbers shaped like phones below the 0.5 reports count', () => {
    for (const text of ['Invoice 6123 4567 was paid', 'Ticket 415-555-0123 open', 'Account no. 020 7946 0958 closed', 'tracking 9876 5432']) {
      expect(findPhones(text).every((s) => s.confidence < 0.5)).toBe(true);
    }
    // The nearer cue wins.
    expect(findPhones('order 123, call 9123 4567')[0].confidence).toBe(0.85);
  });
  it('never reads a date or a decimal number as a phone', () => {
    for (const text of [
      'born 1990-07-04',
      'The hearing moved to 2024-03-15 at 10:30.',
      'Submitted on 15.03.2024 and 12-31-2023.',
      'call on 04/07/1990',
      'GPS 1.290270, 103.851959',
    ]) {
      expect(texts(text)).toEqual([]);
    }
    // A date next to a phone number does not hide it.
    expect(texts('On 2024-03-15 call 9123 4567')).toEqual(['9123 4567']);
  });
  it('rates numbers after an identity-number word as look-alikes', () => {
    for (const text of ['NHS Number: 485 777 3456', 'ISBN 0-306-40615-2', 'passport 912345678', 'SSN: 987-65-4321']) {
      expect(findPhones(text).every((s) => s.confidence < 0.5)).toBe(true);
    }
  });

  it('rates a number glued to a code word by a hyphen as an ID, not a phone, unless the word is a phone word', () => {
    const confidence = (text: string) => findPhones(text).map((s) => s.confidence);
    expect(confidence('Build APP-2024-123456 failed')).toEqual([0.2]);
    expect(confidence('part X-555-123-4567 in stock')).toEqual([0.2]);
    expect(confidence('HP-9123 4567 anytime')).toEqual([0.85]);
  });
});
