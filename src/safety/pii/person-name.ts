import { collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';
import { findUnmarkedNames } from './unmarked-name.js';

/**
 * Person names where the context says a name follows: after an honorific ("Mr", "Mrs", "Ms",
 * "Miss", "Mdm", "Dr", "Prof") or a self-introduction ("my name is", "call me", "Name:", "I am",
 * "I'm"), one to four capitalised words. The span is the name itself, without the cue.
 *
 * Confidence: honorifics and "my name is" 0.85; "Name:" 0.8; "I am"/"I'm" 0.6, because "I am
 * Singaporean" or "I am Happy to help" also fit; a short list of such words is excluded.
 * Names without a cue come from findUnmarkedNames (name lists plus shape, unmarked-name.ts); where
 * both find a name, the cue's reading of it is kept.
 */
const NAME = String.raw`(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]*){0,3})`;
const HONORIFIC = new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof|Professor)\.?\s+${NAME}`, 'gud');
const INTRODUCTION = new RegExp(String.raw`\b(?:([Mm]y name is|[Mm]y name's|[Cc]all me)|(Name\s*:)|(I am|I'm|I’m))\s+${NAME}`, 'gud');
const NOT_NAMES = new Set(
  'Singaporean American British Chinese Malay Indian Eurasian Christian Muslim Buddhist Hindu Happy Sorry Glad Not Here Fine Good Okay Ok Interested Looking Writing Calling Going Also Just Still Very So Able Sure The A An'.split(
    ' ',
  ),
);

export function findPersonNames(text: string): PiiSpan[] {
  const honorifics = collectMatches(text, HONORIFIC, 'person_name', (match) => nameSpan(match, 1, 0.85));
  const introductions = collectMatches(text, INTRODUCTION, 'person_name', (match) => {
    if (match[1] !== undefined) return nameSpan(match, 4, 0.85);
    if (match[2] !== undefined) return nameSpan(match, 4, 0.8);
    const first = match[4].split(/\s+/)[0];
    return NOT_NAMES.has(first) ? null : nameSpan(match, 4, 0.6);
  });
  const cued = [...honorifics, ...introductions];
  const unmarked = findUnmarkedNames(text).filter((u) => cued.every((c) => u.end <= c.start || u.start >= c.end));
  return [...cued, ...unmarked].sort((a, b) => a.start - b.start);
}

function nameSpan(match: RegExpExecArray, group: number, confidence: number): { start: number; end: number; confidence: number } {
  const [start, end] = match.indices![group]!;
  return { start, end, confidence };
}
