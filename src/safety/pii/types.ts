/**
 * Kinds of personal data the recognizers find. The order is the priority when two recognizers
 * claim overlapping text (resolve-overlaps.ts): checksummed and structurally strict types first,
 * then types that need a cue word, then the looser shapes (dates of birth before phones, since a
 * date is never a phone number; names last).
 */
export const PII_TYPES = [
  'email',
  'iban',
  'credit_card',
  'nric',
  'my_mykad',
  'in_aadhaar',
  'uk_nhs_number',
  'us_ssn',
  'uk_nino',
  'in_pan',
  'passport',
  'drivers_licence',
  'bank_account',
  'mac_address',
  'ip_address',
  'date_of_birth',
  'phone',
  'street_address',
  'person_name',
] as const;

export type PiiType = (typeof PII_TYPES)[number];

/** One finding: `text` is `source.slice(start, end)`; confidence in (0, 1]. */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
  text: string;
  confidence: number;
}

/** A recognizer finds one type of PII; it is pure and keeps no state between calls. */
export type Recognizer = (text: string) => PiiSpan[];
