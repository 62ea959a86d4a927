import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { passesLuhn } from '../pii/credit-card.js';
import { nricCheckLetter } from '../pii/nric.js';
import type { PiiType } from '../pii/types.js';

/**
 * Consistent pseudonyms: the fake for a value is drawn from HMAC-SHA256(run key, type + value), so
 * the same real value maps to the same fake everywhere in a run (and in a re-run with the same
 * key), and nobody without the key can go back from the fake. Fakes keep the type and shape: an
 * NRIC/FIN keeps its prefix and gets a valid check letter, a card number keeps its length and
 * scheme digit and passes Luhn, a phone keeps its country code, length and separators, an email
 * moves to example.com (RFC 2606), IPs to the documentation ranges (RFC 5737, RFC 3849).
 */
export function fakeValue(type: PiiType, value: string, key: Buffer): string {
  const stream = digitStream(key, `${type}\0${normalizeValue(type, value)}`);
  switch (type) {
    case 'email':
      return `user${stream.digits(6)}@example.com`;
    case 'nric': {
      const prefix = value[0].toUpperCase();
      const digits = stream.digits(7);
      return `${prefix}${digits}${nricCheckLetter(prefix, digits)}`;
    }
    case 'credit_card':
      return fakeCard(value, stream);
    case 'phone':
      return fakePhone(value, stream);
    case 'ip_address':
      return value.includes(':') ? `2001:db8::${stream.int(0xffff).toString(16)}` : `192.0.2.${1 + stream.int(254)}`;
    case 'date_of_birth':
      return fakeDate(value, stream);
    case 'street_address':
      return fakeAddress(value, stream);
    case 'person_name':
      return fakeName(value, stream);
    case 'iban':
      return fakeIban(value, stream);
    case 'mac_address':
      return fakeMac(value, stream);
    case 'my_mykad':
    case 'in_aadhaar':
    case 'uk_nhs_number':
    case 'us_ssn':
    case 'uk_nino':
    case 'in_pan':
    case 'passport':
    case 'drivers_licence':
    case 'bank_account':
      return fakeCode(value, stream);
  }
}

/** The form under which two writings of one value are the same value ("+65 9123 4567" and "+6591234567"). */
export function normalizeValue(type: PiiType, value: string): string {
  if (type === 'phone' || type === 'credit_card') return value.replace(/\D/g, '');
  if (type !== 'email' && type !== 'date_of_birth' && type !== 'street_address' && type !== 'person_name') {
    // Identity, bank and device numbers: "AB 12 34 56 C" and "AB123456C" are one value.
    return value.replace(/[\s:.-]/g, '').toUpperCase();
  }
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A placeholder for mask mode: "[PHONE]", "[PERSON_NAME]". */
export function maskValue(type: PiiType): string {
  return `[${type.toUpperCase()}]`;
}

interface DigitStream {
  int(below: number): number;
  digits(count: number): string;
}

function digitStream(key: Buffer, input: string): DigitStream {
  let block = 0;
  let bytes = Buffer.alloc(0);
  let at = 0;
  const byte = () => {
    if (at >= bytes.length) {
      bytes = createHmac('sha256', key).update(`${block++}\0${input}`).digest();
      at = 0;
    }
    return bytes[at++];
  };
  const int = (below: number) => {
    // Two bytes per draw; the modulo bias (< 1/256 for below <= 256) does not matter for fakes.
    return ((byte() << 8) | byte()) % below;
  };
  return { int, digits: (count) => Array.from({ length: count }, () => String(int(10))).join('') };
}

function fakeCard(value: string, stream: DigitStream): string {
  const digits = value.replace(/\D/g, '');
  let body = digits[0] + stream.digits(digits.length - 2);
  for (let check = 0; check < 10; check++) {
    if (passesLuhn(body + check)) {
      body += check;
      break;
    }
  }
  return reshape(value, body);
}

function fakePhone(value: string, stream: DigitStream): string {
  // Keep the country calling code and the first national digit (which carries the kind of line:
  // mobile, fixed) and the layout; draw the rest. Both "+65 9123 4567" and "+6591234567" keep "659".
  const digits = value.replace(/\D/g, '');
  const international = /^\s*\(?(?:\+|00)/.test(value);
  const callingCode = international ? (parsePhoneNumberFromString(`+${digits.replace(/^00/, '')}`)?.countryCallingCode ?? '') : '';
  const keep = (value.match(/^\s*\(?00/) ? 2 : 0) + callingCode.length + 1;
  return reshape(value, digits.slice(0, keep) + stream.digits(Math.max(0, digits.length - keep)));
}

/**
 * An identity, account or licence number of the same layout: each digit replaced by a drawn digit,
 * each letter by a drawn letter of the same case. Check digits are not recomputed (most fakes fail
 * their type's check, and the scanner then rates them lower or not at all).
 */
function fakeCode(value: string, stream: DigitStream): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return value.replace(/[0-9A-Za-z]/g, (c) => {
    if (/\d/.test(c)) return String(stream.int(10));
    const letter = letters[stream.int(letters.length)];
    return c === c.toLowerCase() ? letter.toLowerCase() : letter;
  });
}

/** An IBAN of the same country and layout with a drawn account part and correct check digits. */
function fakeIban(value: string, stream: DigitStream): string {
  const compact = value.replace(/ /g, '').toUpperCase();
  const country = compact.slice(0, 2);
  const bban = compact
    .slice(4)
    .replace(/\d/g, () => String(stream.int(10)))
    .replace(/[A-Z]/g, () => 'ABCDEFGHJKLMNPRSTUVWXYZ'[stream.int(23)]);
  let remainder = 0;
  for (const char of `${bban}${country}00`) {
    const n = Number.parseInt(char, 36);
    remainder = n < 10 ? (remainder * 10 + n) % 97 : (remainder * 100 + n) % 97;
  }
  const full = `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
  let i = 0;
  return value.replace(/[0-9A-Za-z]/g, () => full[i++]);
}

/** A locally administered MAC address (first octet 02) in the same layout. */
function fakeMac(value: string, stream: DigitStream): string {
  const hex = `02${Array.from({ length: 10 }, () => stream.int(16).toString(16)).join('')}`;
  let i = 0;
  const upper = !/[a-f]/.test(value);
  return value.replace(/[0-9A-Fa-f]/g, () => (upper ? hex[i++].toUpperCase() : hex[i++]));
}

/** `value`'s layout (separators, brackets) with its digits replaced by `digits`, in order. */
function reshape(value: string, digits: string): string {
  let i = 0;
  return value.replace(/\d/g, () => digits[i++] ?? '0');
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function fakeDate(value: string, stream: DigitStream): string {
  const day = 1 + stream.int(28);
  const month = 1 + stream.int(12);
  const year = 1950 + stream.int(56);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) return `${year}-${pad(month)}-${pad(day)}`;
  const numeric = value.match(/^\d{1,2}([/.-])\d{1,2}\1(\d{2,4})$/);
  if (numeric) return `${pad(day)}${numeric[1]}${pad(month)}${numeric[1]}${numeric[2].length === 2 ? pad(year % 100) : year}`;
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

const FAKE_STREETS = ['Example Street', 'Sample Road', 'Placeholder Avenue', 'Fictional Lane', 'Demo Crescent', 'Specimen Drive', 'Model Walk', 'Pseudo Close'];

function fakeAddress(value: string, stream: DigitStream): string {
  const street = FAKE_STREETS[stream.int(FAKE_STREETS.length)];
  const number = 1 + stream.int(199);
  if (/\b(?:Blk|Block)\b|#\d|Singapore/i.test(value))
    return `Blk ${number} ${street} #${pad2(2 + stream.int(20))}-${100 + stream.int(900)} Singapore ${stream.digits(6)}`;
  if (/^(?:Singapore|[Pp]ostal|[Pp]ostcode|S\s?\(?\d)/.test(value)) return `Singapore ${stream.digits(6)}`;
  if (/^[A-Z]{1,2}\d/.test(value)) return 'ZZ9 9ZZ';
  return `${number} ${street}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

const FAKE_GIVEN = ['Alex', 'Sam', 'Jordan', 'Robin', 'Casey', 'Morgan', 'Jamie', 'Taylor', 'Avery', 'Quinn', 'Rowan', 'Skyler', 'Dana', 'Kim', 'Noor', 'Ari'];
const FAKE_FAMILY = ['Placeholder', 'Example', 'Sample', 'Fictive', 'Anon', 'Standin', 'Proxy', 'Doe', 'Roe', 'Moe', 'Lorem', 'Ipsum'];

function fakeName(value: string, stream: DigitStream): string {
  const given = FAKE_GIVEN[stream.int(FAKE_GIVEN.length)];
  const words = value.trim().split(/\s+/).length;
  return words === 1 ? given : `${given} ${FAKE_FAMILY[stream.int(FAKE_FAMILY.length)]}`;
}
