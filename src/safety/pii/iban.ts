import type { PiiSpan } from './types.js';

/**
 * International bank account numbers (IBAN, ISO 13616): a country code, two check digits and the
 * national account number (BBAN), written solid ("DE89370400440532013000") or in groups of four
 * separated by single spaces ("GB82 WEST 1234 5698 7654 32"), upper or lower case.
 *
 * A candidate is reported only when its country is in the IBAN registry, its length is that
 * country's IBAN length, and it passes the ISO 7064 mod-97-10 check (move the first four
 * characters to the end, letters to numbers A=10 ... Z=35, the remainder of division by 97 must be
 * 1), and its account part holds at least six digits (every country's does: bank codes and
 * account numbers), which keeps runs of four-letter words out. About one random string in 97 of
 * the right country and length passes, and no ordinary word or number takes the shape: 0.95. An IBAN names one account, which for a person is
 * personal data.
 */
/** IBAN length per country (SWIFT IBAN registry), as "country code + length" pairs. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29',
    'ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20',
    'LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29',
    'PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20',
    'YE30',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => [pair.slice(0, 2), Number(pair.slice(2))]),
);

/** Country, check digits, then groups of (up to) four; the length is settled against the registry. */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/g;

/** The ISO 7064 mod-97-10 check over an IBAN without spaces. */
export function passesIbanChecksum(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  let remainder = 0;
  for (const char of compact.slice(4) + compact.slice(0, 4)) {
    const value = Number.parseInt(char, 36);
    remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
  }
  return remainder === 1;
}

/** True for an IBAN (spaces allowed, any case) of a registry country, of that country's length, with valid check digits. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  return IBAN_LENGTHS[compact.slice(0, 2)] === compact.length && passesIbanChecksum(compact);
}

export function findIbans(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const candidate = new RegExp(CANDIDATE.source, 'g');
  for (let match = candidate.exec(text); match !== null; match = candidate.exec(text)) {
    const raw = ibanPrefix(match[0]);
    if (raw === null || (raw.slice(4).match(/\d/g)?.length ?? 0) < 6 || !passesIbanChecksum(raw)) {
      // "REF AB12 GB82 WEST ...": a failed candidate may hide an IBAN starting inside it.
      candidate.lastIndex = match.index + 1;
      continue;
    }
    spans.push({ type: 'iban', start: match.index, end: match.index + raw.length, text: raw, confidence: 0.95 });
    candidate.lastIndex = match.index + raw.length;
  }
  return spans;
}

/**
 * The candidate cut at its country's IBAN length, where a group ends (the pattern may run on into
 * a following number: "... 7654 32 1234"); null for an unknown country or a length that does not fit.
 */
function ibanPrefix(candidate: string): string | null {
  const length = IBAN_LENGTHS[candidate.slice(0, 2).toUpperCase()];
  if (length === undefined) return null;
  let count = 0;
  let end = 0;
  while (end < candidate.length && count < length) if (candidate[end++] !== ' ') count++;
  if (count < length || (end < candidate.length && candidate[end] !== ' ')) return null;
  return candidate.slice(0, end);
}
