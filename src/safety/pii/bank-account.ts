import { CUE_FILLER, collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Bank account numbers (national formats; IBANs are iban.ts), only where the text says it is a
 * bank account: 6 to 18 digits, solid or in groups joined by single spaces or hyphens
 * ("123-456789-0", "0123 4567 89"), directly after the cue (at most "number", "no.", ":", "#",
 * "is" between). Account numbers have no common shape or check across banks, so the cue decides:
 *
 * - a bank-account phrase: "bank account", "savings / current / checking / cheque / deposit /
 *   salary / joint account", "bank a/c": 0.85;
 * - a plain "account", "account number", "account no.", "acct no.", "a/c no." with a banking word
 *   within 60 characters before it or 40 after the number ("bank", "sort code", "BSB", "IFSC",
 *   "routing", "branch", "SWIFT", "BIC", "IBAN", a major SG, MY, UK, US or Indian bank's name):
 *   0.8. Without one, an "account number" is as often a utility, insurance or customer account
 *   (not a bank account, and shaped like anything), so it is not reported;
 * - amounts ("1234.56", "1,200") are not account numbers: a decimal point or comma followed by a
 *   digit ends the match and drops it.
 */
const DIGITS = String.raw`(\d(?:[ -]?\d){5,17})(?![\w]|[.,]\d)`;
const BANK_PHRASE = new RegExp(
  String.raw`\b(?:bank(?:ing)?|savings?|current|checking|chequing|cheque|deposit|salary|joint)\s+(?:account|acct|a\/c)s?\b${CUE_FILLER}${DIGITS}`,
  'gid',
);
const ACCOUNT_NUMBER = new RegExp(String.raw`\b(?:account|acct|a\/c)\b${CUE_FILLER}${DIGITS}`, 'gid');
const BANK_WORDS =
  /\b(?:bank|banking|sort code|bsb|ifsc|routing|branch|swift|bic|iban|dbs|posb|ocbc|uob|maybank|cimb|rhb|hsbc|barclays|lloyds|natwest|santander|nationwide|chase|citibank|wells fargo|sbi|icici|hdfc|axis)\b/i;
const BANK_WINDOW = 60;
const BANK_WINDOW_AFTER = 40;

export function findBankAccounts(text: string): PiiSpan[] {
  const span = (match: RegExpExecArray, confidence: number) => {
    const [start, end] = match.indices![1]!;
    return { start, end, confidence };
  };
  const phrased = collectMatches(text, BANK_PHRASE, 'bank_account', (match) => span(match, 0.85));
  const numbered = collectMatches(text, ACCOUNT_NUMBER, 'bank_account', (match) => {
    const [start, end] = match.indices![1]!;
    if (phrased.some((p) => p.start === start)) return null;
    const near = `${text.slice(Math.max(0, match.index - BANK_WINDOW), match.index)} ${text.slice(end, end + BANK_WINDOW_AFTER)}`;
    return BANK_WORDS.test(near) ? span(match, 0.8) : null;
  });
  return [...phrased, ...numbered].sort((a, b) => a.start - b.start);
}
