/**
 * Writes a finished run's dataset files and builds its summary. Columns marked `drop` stay in the
 * run's database (other columns used them) but are left out of the files.
 *
 * Each exported record carries `_id` (its index in the run), `_valid`, and `_errors` (why a cell
 * was flagged; empty when valid), so a flagged record is visible rather than silently missing.
 */
import { join } from 'node:path';
import type { Plan } from '../recipe/plan-recipe.js';
import { RECORD_EXTRAS } from '../columns/column-kind.js';
import type { ModelRunner } from '../models/model-runner.js';
import type { RecordRow, RunStore } from '../store/run-store.js';
import { writeDatasetFiles } from '../export/index.js';
import { writeJsonl } from '../export/jsonl.js';
import type { RunSummary } from './events.js';

export interface ExportOptions {
  target: number;
  untilValid: boolean;
  /** performance.now() at the start of the run, and when models were ready and records done. */
  startedAt: number;
  modelsReadyAt: number;
  recordsDoneAt: number;
}

export async function exportRun(store: RunStore, plan: Plan, runner: ModelRunner, options: ExportOptions): Promise<RunSummary> {
  // Each kept column's fields, as its kind exports them (the value, then e.g. its kept reasoning),
  // then the record-level extras any column writes (a dropped column's too: they describe its cells).
  const fields: { name: string; read: (r: RecordRow) => unknown }[] = [];
  const extras = new Set<string>();
  for (const c of plan.recipe.columns) {
    const exported = plan.kinds.get(c.kind).exported?.(c);
    for (const extra of exported?.extras ?? []) extras.add(extra);
    if (c.drop) continue;
    for (const f of exported?.fields ?? [{ name: c.name, read: (data: Record<string, unknown>) => data[c.name] }])
      fields.push({ name: f.name, read: (r) => f.read(r.data) });
  }
  // Injection findings of the generation guard (recipe safety: section or a column's own injection:).
  if (plan.recipe.safety?.injection) extras.add('_safety');
  for (const extra of RECORD_EXTRAS) if (extras.has(extra)) fields.push({ name: extra, read: (r) => r.data[extra] ?? null });
  const columns = ['_id', ...fields.map((f) => f.name), '_valid', '_errors'];
  const toRow = (r: RecordRow) => {
    const row: Record<string, unknown> = { _id: r.idx };
    for (const f of fields) row[f.name] = f.read(r);
    row._valid = r.valid;
    row._errors = r.errors.join('; ');
    return row;
  };

  let dataset: RecordRow[];
  let rejected: RecordRow[] = [];
  if (options.untilValid) {
    dataset = [...store.iterateRecords('valid')].slice(0, options.target);
    rejected = [...store.iterateRecords('invalid')];
  } else {
    dataset = [...store.iterateRecords('all')].filter((r) => r.idx < options.target);
  }
  const files = await writeDatasetFiles(store.dir, dataset.map(toRow), { columns });
  if (options.untilValid) {
    const path = join(store.dir, 'rejected.jsonl');
    await writeJsonl(path, rejected.map(toRow));
    files.push(path);
  }

  const valid = dataset.filter((r) => r.valid).length;
  const models = store.usageByModel().map((u) => ({ ...u, cost: runner.cost(u.model, u.inputTokens, u.outputTokens) }));
  const costs = models.map((m) => m.cost);
  return {
    dir: store.dir,
    requested: options.target,
    records: dataset.length,
    valid,
    flagged: options.untilValid ? rejected.length : dataset.length - valid,
    failedCells: store.failedCellCount(),
    complete: !options.untilValid || valid >= options.target,
    models,
    cost: costs.length && costs.every((c) => c !== undefined) ? costs.reduce((a, b) => a! + b!, 0) : undefined,
    wallMs: Math.round(performance.now() - options.startedAt),
    timings: {
      setupMs: Math.round(options.modelsReadyAt - options.startedAt),
      generateMs: Math.round(options.recordsDoneAt - options.modelsReadyAt),
      exportMs: Math.round(performance.now() - options.recordsDoneAt),
    },
    files,
  };
}
