/**
 * Findings: the few things a data scientist should look at first, each in plain words with what it
 * means and what to do, derived from metrics.json's numbers whether or not a threshold was set.
 * Every finding that concerns particular records lists ALL of them (metrics.json `findings`); the
 * report shows the first few.
 *
 * The warning levels are ours, chosen to flag clearly degenerate data rather than to grade:
 * - Self-BLEU >= 0.6 (a sampled text shares most of its 4-grams with the others; varied human
 *   prose sits around 0.2-0.4) or gzip compression ratio >= 4 (natural prose is 2.5-3).
 * - A value of a categorical column holding more than twice its even share, or normalized entropy
 *   below 0.8, is an imbalance; a combination of sampled attributes never produced is a gap.
 * - Any PII span, any record sharing 8+ words with the private reference, any canary, any
 *   membership signal.
 */
import type { CoreMetrics, FindingEntry } from '../core-metrics.js';
import { formatNumber as num, formatPercent as pct, html, type Html } from './html.js';
import { safeHref, type ReportLinks } from './report-links.js';

export interface Finding {
  level: 'warning' | 'info';
  topic: 'diversity' | 'coverage' | 'imbalance' | 'bias' | 'leakage' | 'pii' | 'membership' | 'canaries' | 'factualness';
  title: string;
  explanation: string;
  /** Every affected record id, when the finding is about records. */
  records?: string[];
}

export const DIVERSITY_WARNING = { selfBleu: 0.6, compression: 4 } as const;
const SHOWN = 12;

type Loose = Record<string, unknown> & CoreMetrics;
// biome-ignore lint/suspicious/noExplicitAny: findings read optional sections of any registry's metrics
type Any = any;

export function findingsOf(metrics: CoreMetrics): Finding[] {
  const m = metrics as Loose as Any;
  const out: Finding[] = [];
  for (const column of metrics.columns) {
    const d = m.diversity?.[column];
    if (!d) continue;
    const reasons: string[] = [];
    if (typeof d.self_bleu === 'number' && d.self_bleu >= DIVERSITY_WARNING.selfBleu) reasons.push(`Self-BLEU is ${num(d.self_bleu, 2)}`);
    if (typeof d.compression_ratio === 'number' && d.compression_ratio >= DIVERSITY_WARNING.compression)
      reasons.push(`the texts compress ${num(d.compression_ratio, 1)}×`);
    if (reasons.length)
      out.push({
        level: 'warning',
        topic: 'diversity',
        title: `Poor diversity in ${column}`,
        explanation: `${reasons.join(' and ')} (varied writing: Self-BLEU 0.2–0.4, compression 2.5–3). The records repeat the same phrasing; a model trained on them learns one voice. Vary personas, styles or few-shot examples in the recipe, raise temperature, or near-dedup before use.`,
      });
  }
  for (const c of Object.values((m.coverage?.columns ?? {}) as Record<string, Any>)) {
    const counts = (c.counts ?? []) as { value: string; count: number }[];
    if (counts.length < 2 || !c.records) continue;
    const top = counts[0];
    const even = 1 / counts.length;
    if (top.count / c.records > 2 * even || c.normalizedEntropy < 0.8)
      out.push({
        level: 'warning',
        topic: 'imbalance',
        title: `Imbalanced ${c.column}`,
        explanation: `"${top.value}" makes up ${pct(top.count / c.records)} of records where an even split would give ${pct(even)} (normalized entropy ${num(c.normalizedEntropy, 2)}). Metrics averaged over the data mostly describe this value; reweight (curate's weight stage) or resample if the imbalance is not intended.`,
      });
  }
  for (const combo of (m.coverage?.combinations ?? []) as Any[]) {
    if (combo.possible > 0 && combo.observed < combo.possible)
      out.push({
        level: 'warning',
        topic: 'coverage',
        title: `Coverage gap: ${combo.columns.join(' × ')}`,
        explanation: `${num(combo.possible - combo.observed)} of ${num(combo.possible)} allowed combinations were never produced (${pct(combo.coverage)} covered). A model trained on this data has never seen them; raise the record count or weight the sampler towards them.`,
      });
  }
  for (const gap of (m.bias?.gaps ?? []) as Any[]) {
    if (gap.relativeGap === null || Math.abs(gap.relativeGap) < 0.2) continue;
    out.push({
      level: 'info',
      topic: 'bias',
      title: `${gap.signal} differs by ${gap.column}`,
      explanation: `Mean ${gap.signal} is ${num(gap.highest.mean, 2)} for "${gap.highest.group}" and ${num(gap.lowest.mean, 2)} for "${gap.lowest.group}" (${pct(Math.abs(gap.relativeGap))} apart). Check the group sizes in the bias section before reading this as a real difference.`,
    });
    break;
  }
  const pii = m.pii;
  if (pii?.total > 0)
    out.push({
      level: 'warning',
      topic: 'pii',
      title: `Personal data in ${num(pii.records_with_pii)} records`,
      explanation: `${num(pii.total)} spans that look like personal identifiers (${Object.keys(pii.by_type ?? {}).join(', ')}). Synthetic data should not carry real identifiers; redact them or drop these records before sharing.`,
      records: (pii.affected ?? []).map((a: { record: string }) => a.record),
    });
  const leak = m.leakage;
  if (leak?.leaked?.length > 0)
    out.push({
      level: 'warning',
      topic: 'leakage',
      title: `${num(leak.leaked.length)} records copy text from the private reference`,
      explanation: `Each shares a run of ${num(leak.min_span)} or more words with a reference record (longest ${num(leak.longest_span.max)}). Long shared spans are how private text leaks into synthetic data; decontaminate against the reference file or remove seed text from prompts.`,
      records: leak.leaked.map((l: { record: string }) => l.record),
    });
  const can = m.canaries;
  if (can?.found > 0)
    out.push({
      level: 'warning',
      topic: 'canaries',
      title: `${num(can.found)} planted canaries appear in the data`,
      explanation: 'Canary strings planted in the seed data came through generation: the model copies seed text verbatim.',
      records: [...new Set((can.hits as { records: string[] }[]).flatMap((h) => h.records))],
    });
  const fact = m.factualness;
  if (fact?.flagged?.length > 0) {
    const records = [...new Set((fact.flagged as { record: string }[]).map((f) => f.record))];
    out.push({
      level: 'warning',
      topic: 'factualness',
      title: `${num(records.length)} records make claims their sources do not support`,
      explanation: `${num(fact.contradicted)} claims are contradicted by the record's own passages and ${num(fact.not_found)} are not found in them. Each failed claim is listed with the passage it was checked against; fix the prompt's grounding or drop these records.`,
      records,
    });
  }
  const mem = m.membership;
  if (mem && mem.verdict !== 'no evidence')
    out.push({
      level: 'warning',
      topic: 'membership',
      title: `Membership inference: ${mem.verdict}`,
      explanation: `${pct(mem.closer_to_train)} of synthetic records are closer to the seed records the generator saw than to held-out ones (expected ${pct(mem.expected_closer_to_train)}); attack AUC ${num(mem.attack_auc, 2)}. See the membership section.`,
      records: (mem.near_copies as { record: string }[]).map((c) => c.record),
    });
  return out;
}

export function findingsSection(findings: readonly FindingEntry[], links?: ReportLinks): Html {
  const recordLink = (id: string): Html | string => {
    const href = safeHref(links?.record?.(id));
    return href ? html`<a href="${href}" target="_top">${id}</a>` : id;
  };
  if (findings.length === 0)
    return html`<section id="findings"><h2>Findings</h2><p><span class="status pass">nothing to flag</span></p><p class="explain">No poor diversity, coverage gap, imbalance, leakage, PII or membership signal was found by the checks that ran.</p></section>`;
  return html`<section id="findings"><h2>Findings</h2><ul class="findings">${findings.map(
    (f) =>
      html`<li class="finding ${f.level}"><div class="finding-title">${f.level === 'warning' ? '⚠ ' : 'ℹ '}${f.title}</div><div class="explain">${f.explanation}</div>${
        f.records?.length
          ? html`<div class="muted">records: ${f.records.slice(0, SHOWN).map((id, i) => html`${i ? ', ' : ''}${recordLink(id)}`)}${f.records.length > SHOWN ? ` … and ${f.records.length - SHOWN} more (all in metrics.json → findings)` : ''}</div>`
          : ''
      }</li>`,
  )}</ul></section>`;
}
