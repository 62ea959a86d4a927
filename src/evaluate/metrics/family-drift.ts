/**
 * Model-collapse monitoring over a dataset family (generation 0, 1, 2, ... where each was made
 * with the previous as seed): per generation the text diversity (distinct-2, unigram entropy,
 * vocabulary size) and the drift of its unigram distribution from generation 0 (Jensen-Shannon
 * divergence, base 2, in [0, 1]). A warning is raised when a generation keeps less than
 * `decayRatio` (default 0.9) of generation 0's distinct-2 or entropy: the tails going first is the
 * signature of collapse (Shumailov et al., 2023).
 */
import { textOf } from '../../core/field-path.js';
import { getPath } from '../../core/field-path.js';

export interface GenerationStats {
  generation: number;
  records: number;
  distinct2: number;
  entropy: number;
  vocabulary: number;
  /** Jensen-Shannon divergence of the unigram distribution from generation 0's. */
  driftFromFirst: number;
}

export interface FamilyReport {
  generations: GenerationStats[];
  warnings: string[];
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

export function evaluateFamily(generations: readonly (readonly Record<string, unknown>[])[], field: string, decayRatio = 0.9): FamilyReport {
  if (generations.length < 2) throw new RangeError('evaluateFamily: give at least two generations (the first is the reference)');
  const unigrams = generations.map((records) => {
    const counts = new Map<string, number>();
    const bigrams = new Set<string>();
    let bigramTotal = 0;
    for (const record of records) {
      const tokens = words(textOf(getPath(record, field)) ?? '');
      tokens.forEach((t, i) => {
        counts.set(t, (counts.get(t) ?? 0) + 1);
        if (i > 0) {
          bigrams.add(`${tokens[i - 1]} ${t}`);
          bigramTotal++;
        }
      });
    }
    return { counts, distinct2: bigramTotal ? bigrams.size / bigramTotal : 0, records: records.length };
  });
  const stats = unigrams.map((u, generation) => ({
    generation,
    records: u.records,
    distinct2: u.distinct2,
    entropy: entropy(u.counts),
    vocabulary: u.counts.size,
    driftFromFirst: jensenShannon(unigrams[0].counts, u.counts),
  }));
  const warnings: string[] = [];
  const first = stats[0];
  for (const s of stats.slice(1)) {
    if (s.distinct2 < first.distinct2 * decayRatio)
      warnings.push(`generation ${s.generation}: distinct-2 ${s.distinct2.toFixed(3)} is below ${decayRatio} x generation 0's ${first.distinct2.toFixed(3)}`);
    if (s.entropy < first.entropy * decayRatio)
      warnings.push(
        `generation ${s.generation}: unigram entropy ${s.entropy.toFixed(2)} bits is below ${decayRatio} x generation 0's ${first.entropy.toFixed(2)}`,
      );
  }
  return { generations: stats, warnings };
}

function entropy(counts: Map<string, number>): number {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of counts.values()) h -= (c / total) * Math.log2(c / total);
  return h;
}

export function jensenShannon(a: Map<string, number>, b: Map<string, number>): number {
  const ta = [...a.values()].reduce((x, y) => x + y, 0) || 1;
  const tb = [...b.values()].reduce((x, y) => x + y, 0) || 1;
  let js = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const p = (a.get(key) ?? 0) / ta;
    const q = (b.get(key) ?? 0) / tb;
    const m = (p + q) / 2;
    if (p > 0) js += 0.5 * p * Math.log2(p / m);
    if (q > 0) js += 0.5 * q * Math.log2(q / m);
  }
  return js;
}
