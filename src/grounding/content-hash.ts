/**
 * Content hash of a file: SHA-256 (node:crypto, no setup, and collision-free in practice, so
 * equal hashes mean equal files for change detection and duplicate detection). Chunk ids use its
 * first 12 hex digits (48 bits): a collision between two different files of one knowledge base is
 * about n²/2^49, under 1e-6 for 10,000 files.
 */
import { createHash } from 'node:crypto';

export const CHUNK_ID_HASH_CHARS = 12;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function chunkId(fileHash: string, n: number): string {
  return `${fileHash.slice(0, CHUNK_ID_HASH_CHARS)}:${n}`;
}
