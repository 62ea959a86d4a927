/**
 * Membership inference (`membership:` in evaluate.yaml): does the synthetic data betray which real
 * records the generator saw? A distance-to-closest-record (DCR) test against a held-out part of the
 * private seed data, after the synthetic-data literature: Platzer & Reutterer 2021 ("Holdout-based
 * fidelity and privacy assessment of mixed-type synthetic data", the "closer to training than to
 * holdout" share) and the DCR membership attack of Chen et al. 2020 / synthcity's `DomiasMIA`
 * baseline family (rank real records by their distance to the nearest synthetic record).
 *
 * Inputs: `train`, the seed records the generator was given, and `holdout`, records from the same
 * source it never saw (split them before generating). Distance between texts is 1 - Jaccard of
 * their word 3-gram sets (as the leakage check uses), exact, by brute force over samples of at
 * most `max_records` per side (seeded).
 *
 * Two figures:
 * - closer_to_train: the share of synthetic records whose closest real record is in `train` rather
 *   than `holdout` (ties count half), with the share expected if the generator learnt only the
 *   distribution, |train| / (|train| + |holdout|), and a one-sided binomial test (normal
 *   approximation). A share well above the expectation means records are copied or paraphrased.
 * - attack_auc: an attacker who calls a real record a member when some synthetic record is close
 *   to it; the AUC of that score between train and holdout records (Mann-Whitney), with a 95%
 *   interval (Hanley & McNeil 1982). 0.5 means the data reveals nothing about membership.
 *
 * Every synthetic record closer to a train record than any holdout record is at all, within
 * `copy_distance` (default 0.2, i.e. Jaccard >= 0.8), is listed in metrics.json (all of them).
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { createRng } from '../../core/rng.js';
import { fieldPath } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import { readRecordsFile } from '../read-texts-file.js';
import { card, formatNumber as num, formatPercent as pct, html, table, type Html } from '../report/html.js';

export const MEMBERSHIP_DEFAULTS = { maxRecords: 2000, copyDistance: 0.2, shingle: 3 } as const;

export interface MembershipMetrics {
  train: string;
  holdout: string;
  column: string;
  synthetic: number;
  train_records: number;
  holdout_records: number;
  closer_to_train: number;
  expected_closer_to_train: number;
  /** One-sided p-value for "closer to train more often than expected". */
  p_value: number;
  attack_auc: number;
  attack_auc_ci: [number, number];
  median_dcr_train: number;
  median_dcr_holdout: number;
  verdict: 'no evidence' | 'weak evidence' | 'evidence of memorization';
  /** Synthetic records within copy_distance of a train record and nearer to it than to any holdout record. */
  near_copies: { record: string; train_index: number; distance: number; holdout_distance: number }[];
}

export interface MembershipEntries {
  membership: MembershipMetrics | null;
}

export const membershipMetric = defineMetric({
  name: 'membership',
  config: {
    membership: z
      .object({
        /** The private seed records the generator was given (JSONL or text lines). */
        train: z.string().min(1),
        /** Records from the same source the generator never saw. */
        holdout: z.string().min(1),
        /** Field of the real records holding the text; default the synthetic column's name, else `text`. */
        field: fieldPath.optional(),
        /** Synthetic column compared; default the first text column. */
        column: fieldPath.optional(),
        max_records: z.number().int().min(10).optional(),
        copy_distance: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
  },
  start({ membership: settings }, run) {
    if (!settings) return { finish: (): MembershipEntries => ({ membership: null }) };
    const column = settings.column ?? run.columns[0];
    const texts: { id: string; text: string }[] = [];
    return {
      add(record, id) {
        const text = getPath(record, column);
        if (typeof text === 'string' && text.trim() !== '') texts.push({ id, text });
      },
      finish: (): MembershipEntries => {
        const train = realTexts(run.resolve(settings.train), settings.field, column);
        const holdout = realTexts(run.resolve(settings.holdout), settings.field, column);
        return {
          membership: membershipTest(texts, train, holdout, {
            seed: run.seed,
            maxRecords: settings.max_records ?? MEMBERSHIP_DEFAULTS.maxRecords,
            copyDistance: settings.copy_distance ?? MEMBERSHIP_DEFAULTS.copyDistance,
            files: { train: settings.train, holdout: settings.holdout, column },
          }),
        };
      },
    };
  },
  report: {
    cards: (m) => (m.membership ? [card('membership AUC', num(m.membership.attack_auc, 2), m.membership.verdict === 'no evidence' ? 'good' : 'bad')] : []),
    sections: (m) => (m.membership ? [membershipSection(m)] : []),
  },
});

function realTexts(file: string, field: string | undefined, column: string): string[] {
  const rows = readRecordsFile(file);
  const key = field ?? (rows.some((r) => typeof getPath(r, column) === 'string') ? column : 'text');
  return rows.map((r) => getPath(r, key)).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
}

/** Word 3-gram set of a text (lowercased words of letters and digits). */
function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const n = MEMBERSHIP_DEFAULTS.shingle;
  if (words.length <= n) return new Set([words.join(' ')]);
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

function distance(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : 1 - shared / union;
}

function sample<T>(items: T[], max: number, seed: number): T[] {
  if (items.length <= max) return items;
  const rng = createRng(seed);
  const copy = [...items];
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, max);
}

/** Nearest distance and index from `x` to each of `pool`. */
function nearest(x: Set<string>, pool: Set<string>[]): { distance: number; index: number } {
  let best = { distance: 1, index: -1 };
  for (let i = 0; i < pool.length; i++) {
    const d = distance(x, pool[i]);
    if (d < best.distance || best.index < 0) best = { distance: d, index: i };
    if (d === 0) break;
  }
  return best;
}

export function membershipTest(
  synthetic: { id: string; text: string }[],
  train: string[],
  holdout: string[],
  o: { seed: number; maxRecords: number; copyDistance: number; files: { train: string; holdout: string; column: string } },
): MembershipMetrics {
  const syn = sample(synthetic, o.maxRecords, o.seed);
  const trainSets = sample(
    train.map((t, i) => ({ t, i })),
    o.maxRecords,
    o.seed + 1,
  );
  const holdSets = sample(holdout, o.maxRecords, o.seed + 2).map(shingles);
  const trainShingles = trainSets.map((x) => shingles(x.t));
  const synShingles = syn.map((s) => shingles(s.text));
  // Share of synthetic records nearer to train than to holdout.
  let closer = 0;
  const nearCopies: MembershipMetrics['near_copies'] = [];
  for (let k = 0; k < syn.length; k++) {
    const t = nearest(synShingles[k], trainShingles);
    const h = nearest(synShingles[k], holdSets);
    closer += t.distance < h.distance ? 1 : t.distance === h.distance ? 0.5 : 0;
    if (t.distance <= o.copyDistance && t.distance < h.distance) {
      nearCopies.push({ record: syn[k].id, train_index: trainSets[t.index].i, distance: round(t.distance), holdout_distance: round(h.distance) });
    }
  }
  const n = syn.length;
  const share = n ? closer / n : Number.NaN;
  const expected = trainShingles.length / Math.max(1, trainShingles.length + holdSets.length);
  const z = n ? (closer - n * expected) / Math.sqrt(n * expected * (1 - expected) || 1) : 0;
  const pValue = 1 - normalCdf(z);
  // Attack: each real record's distance to its nearest synthetic record; smaller = "member".
  const trainScores = trainShingles.map((s) => nearest(s, synShingles).distance);
  const holdScores = holdSets.map((s) => nearest(s, synShingles).distance);
  const auc = aucLowerIsPositive(trainScores, holdScores);
  const se = hanleyMcNeil(auc, trainScores.length, holdScores.length);
  const low = Math.max(0, auc - 1.96 * se);
  const verdict = pValue < 0.01 && low > 0.55 ? 'evidence of memorization' : pValue < 0.05 || low > 0.5 ? 'weak evidence' : 'no evidence';
  return {
    train: o.files.train,
    holdout: o.files.holdout,
    column: o.files.column,
    synthetic: n,
    train_records: trainShingles.length,
    holdout_records: holdSets.length,
    closer_to_train: round(share),
    expected_closer_to_train: round(expected),
    p_value: round(pValue),
    attack_auc: round(auc),
    attack_auc_ci: [round(low), round(Math.min(1, auc + 1.96 * se))],
    median_dcr_train: round(median(trainScores)),
    median_dcr_holdout: round(median(holdScores)),
    verdict,
    near_copies: nearCopies.sort((a, b) => a.distance - b.distance),
  };
}

/** P(score of a random positive < score of a random negative), ties half (Mann-Whitney U / n1 n2). */
function aucLowerIsPositive(positive: number[], negative: number[]): number {
  if (!positive.length || !negative.length) return Number.NaN;
  const all = [...positive.map((v) => ({ v, p: 1 })), ...negative.map((v) => ({ v, p: 0 }))].sort((a, b) => b.v - a.v);
  // Ranks by descending distance: a positive with a small distance gets a high rank.
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k].p) rankSum += rank;
    i = j;
  }
  const n1 = positive.length;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * negative.length);
}

function hanleyMcNeil(auc: number, n1: number, n2: number): number {
  if (!Number.isFinite(auc) || n1 === 0 || n2 === 0) return Number.NaN;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt((auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n2 - 1) * (q2 - auc * auc)) / (n1 * n2));
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : x);

const MEANING: Record<MembershipMetrics['verdict'], string> = {
  'no evidence':
    'The synthetic records are no closer to the seed records the generator saw than to comparable records it never saw: an attacker holding a real record cannot tell, from this data, whether it was in the seed set.',
  'weak evidence':
    'Synthetic records lean towards the seed records the generator saw. This can be chance on small sets; look at the near copies below before sharing the data.',
  'evidence of memorization':
    'Synthetic records sit measurably closer to the seed records the generator saw than to unseen ones: the data reveals membership, usually because seed records were copied or lightly paraphrased. Remove the near copies (decontaminate against the seed file) or reduce how much seed text goes into prompts.',
};

function membershipSection(m: CoreMetrics & MembershipEntries): Html {
  const s = m.membership!;
  const tone = s.verdict === 'no evidence' ? 'pass' : 'fail';
  return html`<section id="membership"><h2>Membership inference</h2>
<p class="status ${tone}">${s.verdict}</p>
<p class="explain">${MEANING[s.verdict]}</p>
<p class="note">Distance to closest record (DCR) test: ${num(s.synthetic)} synthetic texts of <code>${s.column}</code> against ${num(s.train_records)} seed records
the generator saw (<code>${s.train}</code>) and ${num(s.holdout_records)} held-out records it never saw (<code>${s.holdout}</code>). Distance = 1 − Jaccard of word 3-grams.</p>
${table(
  ['measure', 'value', 'what it means'],
  [
    [
      'closer to seen than to unseen',
      pct(s.closer_to_train),
      `expected ${pct(s.expected_closer_to_train)} if the generator learnt only the distribution; one-sided p = ${num(s.p_value, 3)}`,
    ],
    [
      'membership attack AUC',
      `${num(s.attack_auc, 3)} [${num(s.attack_auc_ci[0], 2)}, ${num(s.attack_auc_ci[1], 2)}]`,
      '0.5 = an attacker does no better than a coin; 1 = membership fully revealed',
    ],
    ['median DCR, seen records', num(s.median_dcr_train, 3), 'distance from each seed record to its nearest synthetic record'],
    ['median DCR, unseen records', num(s.median_dcr_holdout, 3), 'the same for held-out records; similar values are what privacy looks like'],
  ],
  { numeric: [1] },
)}
${
  s.near_copies.length
    ? html`<h3>Near copies of seed records (${num(s.near_copies.length)}; all listed in metrics.json)</h3>${table(
        ['record', 'seed row', 'distance', 'nearest unseen'],
        s.near_copies.slice(0, 20).map((c) => [c.record, num(c.train_index + 1), num(c.distance, 3), num(c.holdout_distance, 3)]),
        { numeric: [1, 2, 3] },
      )}`
    : ''
}
</section>`;
}
