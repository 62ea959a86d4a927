import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompressionRatioCounter, compressionRatio } from '../../../src/evaluate/metrics/compression-ratio.js';

describe('compressionRatio', () => {
  it('equals raw / gzip-9 bytes of the space-joined texts', () => {
    const texts = ['the quick brown fox', 'jumps over the lazy dog', 'café ünïcode'];
    const joined = Buffer.from(texts.join(' '));
    expect(compressionRatio(texts)).toBeCloseTo(joined.length / gzipSync(joined, { level: 9 }).length, 12);
  });
  it('is higher for repetitive than for varied text', () => {
    const repetitive = Array.from({ length: 200 }, () => 'As an AI language model I cannot help with that.');
    const varied = Array.from({ length: 200 }, (_, i) => `Record ${i} mentions ${(i * 7919).toString(36)} and ${(i * 104729).toString(36)}.`);
    expect(compressionRatio(repetitive)).toBeGreaterThan(3 * compressionRatio(varied));
  });
  it('stays within 1% of one-shot gzip when streamed in blocks', () => {
    const texts = Array.from({ length: 30_000 }, (_, i) => `line ${i} ${(i * 2654435761) % 1000003} value ${i % 17}`);
    const counter = new CompressionRatioCounter(256 * 1024);
    for (const text of texts) counter.add(text);
    const joined = Buffer.from(texts.join(' '));
    const oneShot = joined.length / gzipSync(joined, { level: 9 }).length;
    expect(Math.abs(counter.value() / oneShot - 1)).toBeLessThan(0.01);
  });
  it('is NaN for no text', () => {
    expect(compressionRatio([])).toBeNaN();
  });
});
