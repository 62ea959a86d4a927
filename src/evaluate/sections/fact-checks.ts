/**
 * The LLM fact checks, two sections of evaluate.yaml that share their settings, their model
 * session and one report section: `factualness` (each grounded answer's claims checked against
 * its own passages, factualness.ts) and `consistency` (records about the same entity checked
 * against each other, consistency.ts). Both work on seeded samples, because every check costs
 * model calls. metrics.json: `factualness` and `consistency`; report: Factualness.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { fieldPath, modelName, positiveInt } from '../config-fields.js';
import { measureConsistency, type TextRecord } from '../consistency.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric, type EvaluationRun, type FinishContext } from '../evaluation-metric.js';
import { measureFactualness, readPassages, type GroundedRecord } from '../factualness.js';
import { card, formatNumber as num, formatPercent as pct, html, table, type Html } from '../report/html.js';
import { Reservoir } from '../reservoir.js';

export const FACT_CHECK_DEFAULTS = {
  factualnessRecords: 50,
  consistencyRecords: 1000,
  consistencyPairs: 100,
  concurrency: 4,
} as const;

export interface ClaimCheck {
  claim: string;
  verdict: 'supported' | 'contradicted' | 'not_found' | 'error';
  evidence: string;
}

export interface FactualnessMetrics {
  model: string;
  field: string;
  records_checked: number;
  /** Records without passages or text, not checked. */
  records_skipped: number;
  claims: number;
  supported: number;
  contradicted: number;
  not_found: number;
  errors: number;
  /** supported / claims over the run. */
  faithfulness: number;
  /** Mean of the per-record faithfulness. */
  mean_record_faithfulness: number;
  records: { record: string; faithfulness: number; claims: ClaimCheck[] }[];
  /**
   * Every record with a claim its sources contradict or do not support: the claim, the verdict,
   * the judge's evidence and the passage it was checked against most closely (by shared words).
   */
  flagged?: { record: string; claim: string; verdict: 'contradicted' | 'not_found'; evidence: string; source: string; source_index: number }[];
}

export interface ConsistencyMetrics {
  model: string;
  field: string;
  candidate_pairs: number;
  pairs_checked: number;
  contradictions: number;
  contradiction_rate: number;
  examples: { a: string; b: string; shared: string[]; verdict: string; evidence: string; text_a: string; text_b: string }[];
}

export interface FactCheckEntries {
  factualness: FactualnessMetrics | null;
  consistency: ConsistencyMetrics | null;
}

const llmCheck = {
  model: modelName,
  /** Records checked (a seeded sample); LLM checks cost money, so they are capped. */
  max_records: positiveInt.optional(),
  concurrency: z.number().int().positive().max(64).optional(),
  /** Content repairs after a reply that does not parse; default 2 (models/defaults.ts). */
  max_repairs: z.number().int().min(0).max(10).optional(),
  max_tokens: positiveInt.optional(),
};

type CheckSettings = { model: string; field: string; max_repairs?: number; max_tokens?: number; concurrency?: number };

export const factChecksMetric = defineMetric({
  name: 'fact checks',
  config: {
    factualness: z
      .object({
        ...llmCheck,
        /** The answer text whose claims are checked. */
        field: fieldPath,
        /** The record's passages: a list of strings or of {text}. */
        sources_field: fieldPath,
      })
      .strict()
      .optional(),
    consistency: z
      .object({
        ...llmCheck,
        field: fieldPath,
        /** Candidate pairs checked; default 100. */
        max_pairs: positiveInt.optional(),
      })
      .strict()
      .optional(),
  },
  models: (config) => [
    ...(config.factualness ? [{ path: ['factualness', 'model'], model: config.factualness.model }] : []),
    ...(config.consistency ? [{ path: ['consistency', 'model'], model: config.consistency.model }] : []),
  ],
  start({ factualness, consistency }, run) {
    const grounded = new Reservoir<GroundedRecord>(factualness?.max_records ?? FACT_CHECK_DEFAULTS.factualnessRecords, `${run.seed}/factualness`);
    let groundedSkipped = 0;
    const pool = new Reservoir<TextRecord>(consistency?.max_records ?? FACT_CHECK_DEFAULTS.consistencyRecords, `${run.seed}/consistency`);
    return {
      add(record, id) {
        if (factualness) {
          const text = getPath(record, factualness.field);
          const passages = readPassages(getPath(record, factualness.sources_field));
          if (typeof text === 'string' && text.trim() && passages.length > 0) grounded.add({ id, text, passages });
          else groundedSkipped++;
        }
        if (consistency) {
          const text = getPath(record, consistency.field);
          if (typeof text === 'string' && text.trim()) pool.add({ id, text });
        }
      },
      async finish(context): Promise<FactCheckEntries> {
        const entries: FactCheckEntries = { factualness: null, consistency: null };
        if (factualness) {
          run.progress(`factualness: ${grounded.items.length} records`);
          const skipped = groundedSkipped + Math.max(0, grounded.total - grounded.items.length);
          entries.factualness = await measureFactualness(grounded.items, skipped, await checkContext(factualness, run, context));
        }
        if (consistency) {
          run.progress(`consistency: ${pool.items.length} records`);
          entries.consistency = await measureConsistency(pool.items, {
            ...(await checkContext(consistency, run, context)),
            maxPairs: consistency.max_pairs ?? FACT_CHECK_DEFAULTS.consistencyPairs,
          });
        }
        return entries;
      },
    };
  },
  report: {
    cards: (m) => (m.factualness ? [card('faithfulness', pct(m.factualness.faithfulness))] : []),
    sections: (m) => [factualnessSection(m)],
  },
});

/** Both checks take the same settings from their sections. */
async function checkContext(c: CheckSettings, run: EvaluationRun, context: FinishContext) {
  return {
    session: await context.models(),
    model: c.model,
    field: c.field,
    maxRepairs: c.max_repairs,
    maxTokens: c.max_tokens,
    seed: run.seed,
    signal: run.signal,
    concurrency: c.concurrency ?? FACT_CHECK_DEFAULTS.concurrency,
  };
}

function factualnessSection(m: CoreMetrics & FactCheckEntries): Html {
  const f = m.factualness;
  const c = m.consistency;
  if (!f && !c) return html``;
  const verdictRows = f
    ? f.records
        .slice(0, 30)
        .flatMap((r) =>
          r.claims.map((claim, i) => [
            i === 0 ? r.record : '',
            i === 0 ? pct(r.faithfulness) : '',
            claim.claim,
            html`<span class="status ${claim.verdict === 'supported' ? 'pass' : 'fail'}">${claim.verdict}</span>`,
            claim.evidence,
          ]),
        )
    : [];
  return html`<section id="factualness"><h2>Factualness</h2>
${
  f
    ? html`<p class="note">Claims of <code>${f.field}</code> checked against each record's passages by <code>${f.model}</code>: ${num(f.records_checked)} records (${num(f.records_skipped)} without passages skipped).</p>
${table(['claims', 'supported', 'contradicted', 'not found', 'errors', 'faithfulness', 'mean per record'], [[num(f.claims), num(f.supported), num(f.contradicted), num(f.not_found), num(f.errors), pct(f.faithfulness), pct(f.mean_record_faithfulness)]], { numeric: [0, 1, 2, 3, 4, 5, 6] })}
${
  f.flagged?.length
    ? html`<h3>Records that fail (${num(f.flagged.length)} claims; all in metrics.json → factualness.flagged)</h3>${table(
        ['record', 'claim', 'verdict', 'source passage'],
        f.flagged.slice(0, 25).map((x) => [x.record, x.claim, x.verdict, html`<div class="snippet">${x.source}</div>`]),
      )}`
    : ''
}
${verdictRows.length ? table(['record', 'faithfulness', 'claim', 'verdict', 'evidence'], verdictRows) : ''}`
    : ''
}
${
  c
    ? html`<h3>Consistency across records</h3><p class="note">${num(c.candidate_pairs)} candidate pairs sharing entities; ${num(c.pairs_checked)} checked; ${num(c.contradictions)} contradictions (${pct(c.contradiction_rate)}).</p>
${
  c.examples.length
    ? table(
        ['records', 'shared', 'text A', 'text B', 'evidence'],
        c.examples.map((e) => [
          `${e.a} / ${e.b}`,
          e.shared.join(', '),
          html`<div class="snippet">${e.text_a}</div>`,
          html`<div class="snippet">${e.text_b}</div>`,
          e.evidence,
        ]),
      )
    : ''
}`
    : ''
}
</section>`;
}
