/**
 * The default text columns: top-level string fields that are not bookkeeping (`_`-prefixed, or
 * named id / *_id) and average at least five words. Five words separates free text (feedback,
 * answers) from labels and categories ("negative", "appointment booking"), which coverage
 * measures instead. Judged on the first records only, so the choice costs no extra pass.
 */
import { wordTokens } from '../core/tokenize.js';

export const MIN_MEAN_WORDS = 5;
export const DETECTION_SAMPLE = 1000;

export class TextColumnDetector {
  private readonly stats = new Map<string, { words: number; count: number }>();
  private seen = 0;

  get done(): boolean {
    return this.seen >= DETECTION_SAMPLE;
  }

  add(record: Record<string, unknown>): void {
    if (this.done) return;
    this.seen++;
    for (const [key, value] of Object.entries(record)) {
      if (typeof value !== 'string' || isBookkeeping(key)) continue;
      const entry = this.stats.get(key) ?? { words: 0, count: 0 };
      entry.words += wordTokens(value).length;
      entry.count++;
      this.stats.set(key, entry);
    }
  }

  /** Columns in first-seen order. Mean over the records seen (a missing value counts as 0 words). */
  columns(): string[] {
    return [...this.stats].filter(([, s]) => s.words / Math.max(1, this.seen) >= MIN_MEAN_WORDS).map(([key]) => key);
  }
}

function isBookkeeping(key: string): boolean {
  return key.startsWith('_') || /^(id|uuid)$/i.test(key) || /_id$/i.test(key);
}
