import { isIPv6 } from 'node:net';
import { collectMatches, nearerCue } from './collect-matches.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import type { PiiSpan } from './types.js';

/**
 * IP addresses, which identify a device or household (GDPR recital 30).
 * - IPv4: dotted quads with octets 0-255 (no leading zeros beyond "0"). Confidence 0.8, or 0.9
 *   after an address word ("IP", "address", "host", "server"); 0.2 (below what reports and
 *   redaction count) when a version word comes nearer first ("version 1.2.3.4", "v1.2.3.4",
 *   "release", "build", "firmware"): version numbers have the same shape.
 * - IPv6 (RFC 4291 text forms, including "::" compression and an IPv4 tail): candidates are
 *   found by a loose pattern and confirmed by Node's own parser (`net.isIPv6`). Confidence 0.9.
 */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\d|\\.\\d)`, 'g');
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g;

const ADDRESS_WORDS = /\b(?:ip|ipv4|addr|address|host|server|from|gateway|dns)\b/i;
const VERSION_WORDS = /(?:\b(?:version|ver|release|build|firmware|update|patch|sdk|api)\b|\bv\.?\s?$)/i;
const CUE_WINDOW = 20;

export function findIpAddresses(text: string): PiiSpan[] {
  const v4 = collectMatches(text, IPV4, 'ip_address', (match) => {
    const cue = nearerCue(text, match.index, CUE_WINDOW, ADDRESS_WORDS, VERSION_WORDS);
    return { confidence: cue === 'cue' ? 0.9 : cue === 'reference' ? 0.2 : 0.8 };
  });
  const v6 = collectMatches(text, IPV6_CANDIDATE, 'ip_address', (match) => (match[0].length > 2 && isIPv6(match[0]) ? { confidence: 0.9 } : null));
  return resolveOverlaps([...v6, ...v4]);
}
