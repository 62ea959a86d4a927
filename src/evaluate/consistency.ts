/**
 * Dataset consistency: do two records about the same entity contradict each other? Checking every
 * pair costs N^2 LLM calls, so candidates come from a cheap inverted index first: records sharing
 * capitalised phrases (names of things: "HealthHub", "Ang Mo Kio Polyclinic") or rare keywords.
 * Keys held by more than `MAX_POSTINGS` records are dropped (they name the topic of the whole
 * dataset, not an entity), pairs are ranked by shared keys, and the top `maxPairs` go to the
 * entailment judge with one record as the passage and the other as the statement.
 */
import { mapConcurrent } from '../core/map-concurrent.js';
import { STOPWORDS } from '../grounding/stopwords.js';
import type { ConsistencyMetrics } from './evaluation-metrics.js';
import { judgeEntailment, type LlmCheckContext } from './llm-checks.js';
import { wordTokens } from '../core/tokenize.js';

export const MAX_POSTINGS = 50;
const EXAMPLES = 20;
const CAPITALISED = /\b\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*/gu;
/** Sentence-initial words that are capitalised only by position. */
const COMMON_STARTERS = new Set([
  'the',
  'a',
  'an',
  'i',
  'it',
  'this',
  'that',
  'we',
  'my',
  'our',
  'you',
  'they',
  'he',
  'she',
  'there',
  'in',
  'on',
  'if',
  'when',
  'but',
  'and',
  'so',
]);

export interface TextRecord {
  id: string;
  text: string;
}

/** Entity keys of a text: capitalised phrases ("cap:...") and long non-stopword words ("kw:..."). */
export function entityKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const match of text.match(CAPITALISED) ?? []) {
    const words = match.split(/\s+/);
    while (words.length > 0 && COMMON_STARTERS.has(words[0].toLowerCase())) words.shift();
    if (words.length > 0) keys.add(`cap:${words.join(' ').toLowerCase()}`);
  }
  for (const word of wordTokens(text)) if (word.length >= 7 && !STOPWORDS.has(word)) keys.add(`kw:${word}`);
  return keys;
}

/** Candidate pairs, most shared keys first (ties by record order), at most `maxPairs`. */
export function candidatePairs(records: readonly TextRecord[], maxPairs: number): { a: number; b: number; shared: string[] }[] {
  const postings = new Map<string, number[]>();
  records.forEach((record, i) => {
    for (const key of entityKeys(record.text)) {
      const list = postings.get(key);
      if (list === undefined) postings.set(key, [i]);
      else list.push(i);
    }
  });
  const pairs = new Map<number, string[]>();
  for (const [key, list] of postings) {
    if (list.length < 2 || list.length > MAX_POSTINGS) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const id = list[x] * records.length + list[y];
        const shared = pairs.get(id);
        if (shared === undefined) pairs.set(id, [key]);
        else shared.push(key);
      }
    }
  }
  // Capitalised phrases weigh more than keywords: they name specific entities.
  const weight = (shared: string[]) => shared.reduce((sum, key) => sum + (key.startsWith('cap:') ? 2 : 1), 0);
  return [...pairs]
    .map(([id, shared]) => ({
      a: Math.floor(id / records.length),
      b: id % records.length,
      shared: shared.map((k) => k.slice(k.indexOf(':') + 1)),
      w: weight(shared),
    }))
    .filter((p) => p.w >= 2)
    .sort((p, q) => q.w - p.w || p.a - q.a || p.b - q.b)
    .slice(0, maxPairs)
    .map(({ a, b, shared }) => ({ a, b, shared }));
}

export async function measureConsistency(
  records: readonly TextRecord[],
  context: LlmCheckContext & { concurrency: number; field: string; maxPairs: number },
): Promise<ConsistencyMetrics> {
  const pairs = candidatePairs(records, context.maxPairs);
  const verdicts = await mapConcurrent(
    pairs,
    context.concurrency,
    (pair) => judgeEntailment(context, [records[pair.a].text], records[pair.b].text, 'evaluate_consistency'),
    context.signal,
  );
  let checked = 0;
  let contradictions = 0;
  const examples: ConsistencyMetrics['examples'] = [];
  verdicts.forEach((v, i) => {
    if (!v.ok) return;
    checked++;
    if (v.verdict !== 'contradicted') return;
    contradictions++;
    const { a, b, shared } = pairs[i];
    if (examples.length < EXAMPLES) {
      examples.push({ a: records[a].id, b: records[b].id, shared, verdict: v.verdict, evidence: v.evidence, text_a: records[a].text, text_b: records[b].text });
    }
  });
  return {
    model: context.model,
    field: context.field,
    candidate_pairs: pairs.length,
    pairs_checked: checked,
    contradictions,
    contradiction_rate: checked === 0 ? Number.NaN : contradictions / checked,
    examples,
  };
}
