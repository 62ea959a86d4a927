import { collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Email addresses: the pragmatic subset of RFC 5322 that people actually write (dot-atom local
 * part, dotted host names, a 2-24 letter top-level domain). Quoted local parts and IP-literal
 * hosts are left out; they do not occur in prose.
 */
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

export function findEmails(text: string): PiiSpan[] {
  return collectMatches(text, EMAIL, 'email', () => ({ confidence: 0.95 }));
}
