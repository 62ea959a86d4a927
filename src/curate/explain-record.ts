/**
 * Text views of a curation: the summary table the CLI prints, and one record's path through the
 * stages (`synthkit curate --explain <id>`).
 */
import type { CurationRecord } from './curation-record.js';
import type { CurationSummary } from './run-curation.js';

export function formatCurationSummary(summary: CurationSummary): string {
  const lines = [`curated ${summary.records} records: ${summary.kept} kept, ${summary.flagged} flagged, ${summary.dropped} dropped`];
  for (const s of summary.stages) {
    const extra = [
      s.clusters !== undefined ? `${s.clusters} cluster${s.clusters === 1 ? '' : 's'}` : '',
      s.agreement ? `agreement alpha ${s.agreement.alpha === null ? 'n/a' : s.agreement.alpha.toFixed(3)} (${s.agreement.raters} raters)` : '',
    ].filter(Boolean);
    lines.push(
      `  ${s.name} (${s.stage}): ${s.seen} seen, ${s.kept} kept, ${s.flagged} flagged, ${s.dropped} dropped${extra.length ? `; ${extra.join(', ')}` : ''}`,
    );
    for (const r of s.reasons) lines.push(`      ${String(r.count).padStart(5)}  ${r.decision}: ${r.reason}`);
  }
  if (summary.weights)
    lines.push(`  weights: ${summary.weights.records} records, min ${summary.weights.min}, max ${summary.weights.max}, mean ${summary.weights.mean}`);
  for (const m of summary.models)
    lines.push(
      `  model ${m.model}: ${m.calls} calls (${m.cachedCalls} cached), ${m.inputTokens} in / ${m.outputTokens} out tokens${m.cost !== undefined ? `, $${m.cost.toFixed(4)}` : ''}`,
    );
  if (summary.out) lines.push(`  output: ${summary.out}`);
  return lines.join('\n');
}

export function explainRecord(record: CurationRecord, stageNames: string[]): string {
  const lines = [`record ${JSON.stringify(record.id)}: ${record.decision}${record.weight !== undefined ? ` (weight ${record.weight})` : ''}`];
  const seen = new Set(record.trail.map((t) => t.stage));
  for (const step of record.trail) {
    const why = step.reasons.length ? `: ${step.reasons.join('; ')}${step.detail ? ` (${step.detail})` : ''}` : '';
    lines.push(`  ${step.stage} (${step.kind}): ${step.decision}${why}`);
    if (step.signals && Object.keys(step.signals).length) {
      lines.push(
        `      signals: ${Object.entries(step.signals)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
      );
    }
    const ratings = (step.details as { ratings?: { model: string; sample: number; score?: number; rationale?: string; error?: string }[] } | undefined)
      ?.ratings;
    for (const r of ratings ?? []) lines.push(`      ${r.model}#${r.sample}: ${r.error ? `unusable (${r.error})` : `${r.score}: ${r.rationale}`}`);
  }
  for (const name of stageNames) if (!seen.has(name)) lines.push(`  ${name}: not run (dropped earlier)`);
  return lines.join('\n');
}
