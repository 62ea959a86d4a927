import { collectMatches, hasContextBefore } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * MAC addresses (IEEE 802 EUI-48), which identify a device and so, like an IP address, its owner:
 * six hex pairs joined by ":" or "-" ("00:1A:2B:3C:4D:5E", "a4-5e-60-c2-1b-3f"), or Cisco's three
 * dotted groups of four ("001a.2b3c.4d5e"). The all-zero and broadcast (FF:FF:FF:FF:FF:FF)
 * addresses name no device and are skipped.
 *
 * Confidence 0.85 for the pair forms and 0.75 for the dotted form when the address holds a hex
 * letter a-f. An address of digits only ("10-20-30-40-50-60") reads as a reference or a list of
 * numbers, so it is reported only after "MAC", "hardware address", "physical address", "BSSID"
 * or "Ethernet" within 30 characters before (0.85).
 */
const PAIRS = /(?<![\w:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-]|\.\w)/g;
const DOTTED = /(?<![\w.:])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.:]|\.\w)/g;
const MAC_CUE = /\b(?:mac|hardware address|physical address|bssid|ethernet|wi-?fi address)\b/i;
const CONTEXT_WINDOW = 30;

export function findMacAddresses(text: string): PiiSpan[] {
  const rate = (confidence: number) => (match: RegExpExecArray) => {
    const hex = match[0].replace(/[:.-]/g, '').toLowerCase();
    if (/^0+$|^f+$/.test(hex)) return null;
    if (/[a-f]/.test(hex)) return { confidence };
    return hasContextBefore(text, match.index, MAC_CUE, CONTEXT_WINDOW) ? { confidence: 0.85 } : null;
  };
  return [...collectMatches(text, PAIRS, 'mac_address', rate(0.85)), ...collectMatches(text, DOTTED, 'mac_address', rate(0.75))].sort(
    (a, b) => a.start - b.start,
  );
}
