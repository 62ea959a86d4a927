import { findBankAccounts } from './bank-account.js';
import { findCreditCards } from './credit-card.js';
import { findDatesOfBirth } from './date-of-birth.js';
import { findDriversLicences } from './drivers-licence.js';
import { findEmails } from './email.js';
import { findIbans } from './iban.js';
import { findAadhaars } from './in-aadhaar.js';
import { findPans } from './in-pan.js';
import { findIpAddresses } from './ip-address.js';
import { findMacAddresses } from './mac-address.js';
import { findMyKads } from './my-mykad.js';
import { findNrics } from './nric.js';
import { findPassports } from './passport.js';
import { findPersonNames } from './person-name.js';
import { findPhones } from './phone.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { findStreetAddresses } from './street-address.js';
import { findNhsNumbers } from './uk-nhs-number.js';
import { findNinos } from './uk-nino.js';
import { findSsns } from './us-ssn.js';
import { PII_TYPES, type PiiSpan, type PiiType, type Recognizer } from './types.js';

/** The built-in recognizer of each type. */
export const RECOGNIZERS: Readonly<Record<PiiType, Recognizer>> = {
  email: findEmails,
  iban: findIbans,
  credit_card: findCreditCards,
  nric: findNrics,
  my_mykad: findMyKads,
  in_aadhaar: findAadhaars,
  uk_nhs_number: findNhsNumbers,
  us_ssn: findSsns,
  uk_nino: findNinos,
  in_pan: findPans,
  passport: findPassports,
  drivers_licence: findDriversLicences,
  bank_account: findBankAccounts,
  mac_address: findMacAddresses,
  ip_address: findIpAddresses,
  date_of_birth: findDatesOfBirth,
  phone: findPhones,
  street_address: findStreetAddresses,
  person_name: findPersonNames,
};

export interface ScanPiiOptions {
  /** Types to look for; default all. */
  types?: readonly PiiType[];
  /** Spans below this confidence are dropped; default 0 (keep all, let the caller weigh them). */
  minConfidence?: number;
}

/**
 * Every PII span in `text`, non-overlapping, sorted by start. Overlaps between recognizers are
 * resolved by type priority, then confidence, then length (see resolve-overlaps.ts).
 */
export function scanPii(text: string, options: ScanPiiOptions = {}): PiiSpan[] {
  const types = options.types ?? PII_TYPES;
  const minConfidence = options.minConfidence ?? 0;
  const spans: PiiSpan[] = [];
  for (const type of types) {
    const recognizer = RECOGNIZERS[type];
    if (recognizer === undefined) throw new RangeError(`scanPii: unknown PII type "${type}"; known types: ${PII_TYPES.join(', ')}`);
    for (const span of recognizer(text)) if (span.confidence >= minConfidence) spans.push(span);
  }
  return resolveOverlaps(spans);
}
