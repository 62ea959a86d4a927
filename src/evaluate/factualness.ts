/**
 * Factualness of grounded records: each answer is split into atomic claims and each claim is
 * checked against that record's own source passages. Faithfulness = supported / claims, per
 * record and over the run (RAGAS's faithfulness, Es et al. 2023, "RAGAS: Automated Evaluation of
 * Retrieval Augmented Generation"). A claim whose check failed (unparseable reply) counts as an
 * error and is left out of the denominator, so a flaky judge does not read as unfaithful data.
 */
import { mapConcurrent } from '../core/map-concurrent.js';
import type { ClaimCheck, FactualnessMetrics } from './evaluation-metrics.js';
import { extractClaims, judgeEntailment, type LlmCheckContext } from './llm-checks.js';

export interface GroundedRecord {
  id: string;
  text: string;
  passages: string[];
}

/** Passages as the grounding engineer exports them: a list of strings or of objects with `text`. */
export function readPassages(value: unknown): string[] {
  if (!Array.isArray(value)) return typeof value === 'string' && value.trim() ? [value] : [];
  return value.flatMap((item) => {
    if (typeof item === 'string') return item.trim() ? [item] : [];
    if (item && typeof item === 'object' && typeof (item as { text?: unknown }).text === 'string') return [(item as { text: string }).text];
    return [];
  });
}

export async function measureFactualness(
  records: readonly GroundedRecord[],
  skipped: number,
  context: LlmCheckContext & { concurrency: number; field: string },
): Promise<FactualnessMetrics> {
  const passagesOf = new Map(records.map((r) => [r.id, r.passages]));
  const checked = await mapConcurrent(
    [...records],
    context.concurrency,
    async (record) => {
      const extracted = await extractClaims(context, record.text);
      if (!extracted.ok) return { record: record.id, claims: [{ claim: '(claim extraction failed)', verdict: 'error' as const, evidence: extracted.error }] };
      const claims: ClaimCheck[] = [];
      for (const claim of extracted.claims) {
        const verdict = await judgeEntailment(context, record.passages, claim);
        claims.push(verdict.ok ? { claim, verdict: verdict.verdict, evidence: verdict.evidence } : { claim, verdict: 'error', evidence: verdict.error });
      }
      return { record: record.id, claims };
    },
    context.signal,
  );
  const tally = { supported: 0, contradicted: 0, not_found: 0, error: 0 };
  const perRecord: FactualnessMetrics['records'] = [];
  const flagged: NonNullable<FactualnessMetrics['flagged']> = [];
  let recordSum = 0;
  let recordCount = 0;
  for (const { record, claims } of checked) {
    let judged = 0;
    let supported = 0;
    for (const c of claims) {
      tally[c.verdict]++;
      if (c.verdict !== 'error') judged++;
      if (c.verdict === 'supported') supported++;
    }
    const faithfulness = judged === 0 ? Number.NaN : supported / judged;
    if (judged > 0) {
      recordSum += faithfulness;
      recordCount++;
    }
    perRecord.push({ record, faithfulness, claims });
    for (const c of claims) {
      if (c.verdict !== 'contradicted' && c.verdict !== 'not_found') continue;
      const passages = passagesOf.get(record) ?? [];
      // The judge's evidence quotes the source when it has one; otherwise match on the claim itself.
      const index = closestPassage(passages, c.evidence.trim() ? c.evidence : c.claim);
      flagged.push({ record, claim: c.claim, verdict: c.verdict, evidence: c.evidence, source: passages[index] ?? '', source_index: index });
    }
  }
  const judged = tally.supported + tally.contradicted + tally.not_found;
  return {
    model: context.model,
    field: context.field,
    records_checked: records.length,
    records_skipped: skipped,
    claims: judged,
    supported: tally.supported,
    contradicted: tally.contradicted,
    not_found: tally.not_found,
    errors: tally.error,
    faithfulness: judged === 0 ? Number.NaN : tally.supported / judged,
    mean_record_faithfulness: recordCount === 0 ? Number.NaN : recordSum / recordCount,
    records: perRecord,
    flagged,
  };
}

/** The passage sharing the most distinct words with `text` (the source a failed claim is set against). */
function closestPassage(passages: readonly string[], text: string): number {
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  let best = -1;
  let bestShared = -1;
  passages.forEach((p, i) => {
    const shared = [...new Set(p.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((w) => words.has(w)).length;
    if (shared > bestShared) {
      best = i;
      bestShared = shared;
    }
  });
  return best;
}
