/**
 * Splits a document's extracted text into overlapping chunks of about `maxTokens` tokens.
 *
 * Boundaries, best first: a heading (always a boundary: a chunk never spans two sections, so its
 * heading path is exact), a paragraph break (blank line), a sentence end, a line break, any other
 * space between words. Within a window the latest boundary of the best kind in its second half
 * wins, so chunks stay at least half full. Two tokens with nothing between them ("don't" is one
 * token, but "x," is two) are never separated, so a chunk never starts or ends mid-word; only a
 * run of more than four windows without any space is cut between tokens.
 *
 * Chunks split for size overlap by `overlapTokens` (moved forward to a word start), so a fact
 * stated across the cut is whole in one of them. Chunks split at a heading do not overlap.
 * Every chunk is a plain slice: `text.slice(chunk.start, chunk.end)` is its text.
 *
 * Defaults: 256 tokens with 32 (12.5%) overlap, inside the 128-512-token range that retrieval
 * studies found best for passage QA (e.g. LlamaIndex's chunk-size evaluation, 2023; Chroma's
 * "Evaluating chunking strategies", 2024) and small enough that five hits fit a prompt.
 */
import { findHeadings } from './find-headings.js';
import { tokenSpans } from './tokenize.js';

export interface ChunkOptions {
  /** Upper bound on tokens per chunk (except a heading-less unbreakable run). Default 256. */
  maxTokens?: number;
  /** Tokens repeated at the start of the next chunk after a size split. Default 32. */
  overlapTokens?: number;
}

export interface ChunkSpan {
  start: number;
  end: number;
  tokens: number;
  headingPath: string[];
}

export const DEFAULT_MAX_TOKENS = 256;
export const DEFAULT_OVERLAP_TOKENS = 32;

/** Boundary kinds, in order of preference. */
const NEVER = -1;
const SPACE = 0;
const LINE = 1;
const SENTENCE = 2;
const PARAGRAPH = 3;

export function chunkText(text: string, options: ChunkOptions = {}): ChunkSpan[] {
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const overlap = options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 8) throw new RangeError(`chunkText: maxTokens must be an integer >= 8, got ${maxTokens}`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= maxTokens / 2) {
    throw new RangeError(`chunkText: overlapTokens must be an integer in [0, maxTokens/2), got ${overlap}`);
  }

  const { count: n, starts, ends } = tokenSpans(text);
  if (n === 0) return [];

  // Mark tokens that start a heading (hard boundaries) and tokens inside heading lines (a chunk
  // holding only headings is not cut at the next heading: "# Title\n\n## Part" stays together).
  const headings = findHeadings(text);
  const headingStart = new Uint8Array(n);
  const inHeading = new Uint8Array(n);
  const pathAfter: string[][] = [];
  const stack: { level: number; text: string }[] = [];
  for (let h = 0, t = 0; h < headings.length; h++) {
    const heading = headings[h];
    while (t < n && starts[t] < heading.start) t++;
    if (t < n) headingStart[t] = 1;
    for (let u = t; u < n && starts[u] < heading.end; u++) inHeading[u] = 1;
    while (stack.length > 0 && stack[stack.length - 1].level >= heading.level) stack.pop();
    stack.push({ level: heading.level, text: heading.text });
    pathAfter.push(stack.map((s) => s.text));
  }

  const boundary = (i: number): number => {
    const gapStart = ends[i - 1];
    const gapEnd = starts[i];
    if (gapEnd === gapStart) return NEVER;
    let newlines = 0;
    for (let c = gapStart; c < gapEnd; c++) if (text.charCodeAt(c) === 10) newlines++;
    if (newlines >= 2) return PARAGRAPH;
    const last = text.charCodeAt(gapStart - 1);
    if (last === 46 || last === 33 || last === 63) return SENTENCE; // . ! ?
    return newlines === 1 ? LINE : SPACE;
  };

  const spans: ChunkSpan[] = [];
  let headingIndex = -1;
  let a = 0;
  while (a < n) {
    const limit = Math.min(n, a + maxTokens);
    let e = -1;
    let contentSeen = inHeading[a] === 0;
    for (let i = a + 1; i < limit; i++) {
      if (headingStart[i] && contentSeen) {
        e = i;
        break;
      }
      if (!inHeading[i]) contentSeen = true;
    }
    if (e === -1 && limit < n && headingStart[limit] && contentSeen) e = limit;
    let splitForSize = false;
    if (e === -1) {
      if (limit === n) e = n;
      else {
        splitForSize = true;
        e = bestBoundary(a, limit);
      }
    }

    // Heading path at the chunk's first content token (the chunk may open with its heading lines).
    let first = a;
    while (first < e - 1 && inHeading[first]) first++;
    while (headingIndex + 1 < headings.length && headings[headingIndex + 1].start <= starts[first]) headingIndex++;
    spans.push({ start: starts[a], end: ends[e - 1], tokens: e - a, headingPath: headingIndex >= 0 ? pathAfter[headingIndex] : [] });

    if (!splitForSize || overlap === 0) a = e;
    else {
      let next = Math.max(a + 1, e - overlap);
      while (next < e && boundary(next) === NEVER) next++;
      a = next;
    }
  }
  return spans;

  /** The cut for a full window [a, limit): see the module comment for the order of preference. */
  function bestBoundary(a: number, limit: number): number {
    const half = a + Math.max(1, maxTokens >> 1);
    let best = -1;
    let bestKind = NEVER;
    for (let i = limit; i >= half; i--) {
      const kind = boundary(i);
      if (kind > bestKind) {
        best = i;
        bestKind = kind;
        if (kind === PARAGRAPH) break;
      }
    }
    if (best !== -1) return best;
    for (let i = half - 1; i > a; i--) if (boundary(i) !== NEVER) return i;
    for (let i = limit + 1; i < Math.min(n, a + 4 * maxTokens); i++) if (boundary(i) !== NEVER) return i;
    return limit;
  }
}
