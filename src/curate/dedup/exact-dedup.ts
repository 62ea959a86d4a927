/**
 * Exact deduplication: texts that are equal after `normalizeForDedup` (case, spacing, punctuation
 * and Unicode presentation ignored).
 *
 * Each normalized text is reduced to its 64-bit xxHash (XXH64, via xxhash-wasm), so memory stays at
 * one 8-byte key per distinct text however long the texts are. We do not re-compare the strings:
 * the chance of any XXH64 collision among n distinct texts is about n^2 / 2^65, i.e. 3e-8 for a
 * million texts, far below the error rate of everything else in curation.
 */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';
import { normalizeForDedup } from './normalize-text.js';

export interface ExactDedupOptions {
  /** A ready xxhash-wasm instance to reuse; one is instantiated per call otherwise. */
  hasher?: XXHashAPI;
}

/**
 * Groups of indexes (each of size >= 2, ascending, groups ordered by first index) whose texts are
 * equal after normalization. Texts that normalize to the empty string (whitespace or punctuation
 * only) are grouped together too: they carry no content, and the caller's filters decide about them.
 */
export async function exactDuplicateClusters(texts: string[], options: ExactDedupOptions = {}): Promise<number[][]> {
  const hasher = options.hasher ?? (await xxhash());
  const groups = new Map<bigint, number[]>();
  for (let i = 0; i < texts.length; i++) {
    const key = hasher.h64(normalizeForDedup(texts[i]));
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  const clusters: number[][] = [];
  for (const group of groups.values()) if (group.length >= 2) clusters.push(group);
  return clusters.sort((a, b) => a[0] - b[0]);
}
