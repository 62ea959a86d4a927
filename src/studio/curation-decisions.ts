/**
 * Curation's decisions for the report page: how many records each decision and each stage's
 * reason took (curated/summary.json), with the browser filter over curated/all.jsonl (every
 * record, dropped ones too) that lists them. Read defensively: a summary this code does not
 * understand shows nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DatasetFile } from './run-catalog.js';

const summarySchema = z.object({
  records: z.number(),
  kept: z.number(),
  dropped: z.number(),
  flagged: z.number(),
  stages: z.array(
    z.object({
      name: z.string(),
      reasons: z.array(z.object({ reason: z.string(), decision: z.enum(['dropped', 'flagged']), count: z.number() })),
    }),
  ),
});

export interface DecisionBar {
  label: string;
  count: number;
  /** The browser filter on curated/all.jsonl, when the run has that file. */
  filter?: { field: string; op: 'eq' | 'contains'; value: string };
}

export interface CurationDecisions {
  records: number;
  /** `f<N>` of curated/all.jsonl, or undefined when it is missing (no links then). */
  src?: string;
  decisions: DecisionBar[];
  reasons: DecisionBar[];
}

export function readCurationDecisions(runDir: string, files: readonly DatasetFile[]): CurationDecisions | undefined {
  const file = join(runDir, 'curated', 'summary.json');
  if (!existsSync(file)) return undefined;
  let parsed: z.infer<typeof summarySchema>;
  try {
    const result = summarySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!result.success) return undefined;
    parsed = result.data;
  } catch {
    return undefined;
  }
  const at = files.findIndex((f) => f.rel === 'curated/all.jsonl');
  const src = at >= 0 ? `f${at}` : undefined;
  const linked = (filter: NonNullable<DecisionBar['filter']>) => (src ? filter : undefined);
  const decisions = (['kept', 'flagged', 'dropped'] as const).map((d) => ({
    label: d,
    count: parsed[d],
    filter: linked({ field: '_decision', op: 'eq', value: d }),
  }));
  const reasons = parsed.stages.flatMap((stage) =>
    stage.reasons.map((r) => ({
      label: `${r.decision} · ${stage.name}: ${r.reason}`,
      count: r.count,
      // `_reasons` holds {stage, decision, reason, detail?} objects, written in that key order.
      filter: linked({ field: '_reasons', op: 'contains', value: JSON.stringify({ stage: stage.name, decision: r.decision, reason: r.reason }).slice(1, -1) }),
    })),
  );
  return { records: parsed.records, src, decisions, reasons: reasons.sort((a, b) => b.count - a.count).slice(0, 30) };
}
