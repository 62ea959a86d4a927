/** Kinds of personal data the recognizers find. */
export const PII_TYPES = ['email', 'credit_card', 'nric', 'ip_address', 'phone', 'date_of_birth', 'street_address', 'person_name'] as const;

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
