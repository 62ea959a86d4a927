/**
 * Writes a finished run's dataset files and builds its summary. Columns marked `drop` stay in the
 * run's database (other columns used them) but are left out of the files.
 *
 * Each exported record carries `_id` (its index in the run), `_valid`, and `_errors` (why a cell
 * was flagged; empty when valid), so a flagged record is visible rather than silently missing.
 *
 * Nothing per record is kept in memory: the files are written from the run database one record at
 * a time (one Parquet row group at a time), so a run of a million records exports in bounded memory.
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

  // The records are streamed from the run database once per file format, never loaded together,
  // and counted on the way: every full pass reads the same rows, so the last one's counts stand.
  const counted = { records: 0, valid: 0 };
  function* dataset(): Generator<Record<string, unknown>> {
    let records = 0;
    let valid = 0;
    // In index order: a plain run's records below the target; an until-valid run's first `target` valid ones.
    for (const r of store.iterateRecords(options.untilValid ? 'valid' : 'all')) {
      if (options.untilValid ? records >= options.target : r.idx >= options.target) break;
      records++;
      if (r.valid) valid++;
      yield toRow(r);
    }
    counted.records = records;
    counted.valid = valid;
  }
  const files = await writeDatasetFiles(store.dir, dataset, { columns });
  let rejected = 0;
  if (options.untilValid) {
    const path = join(store.dir, 'rejected.jsonl');
    await writeJsonl(path, function* () {
      for (const r of store.iterateRecords('invalid')) {
        rejected++;
        yield toRow(r);
      }
    });
    files.push(path);
  }

  const { records, valid } = counted;
  const models = store.usageByModel().map((u) => ({ ...u, cost: runner.cost(u.model, u.inputTokens, u.outputTokens) }));
  const costs = models.map((m) => m.cost);
  return {
    dir: store.dir,
    requested: options.target,
    records,
    valid,
    flagged: options.untilValid ? rejected : records - valid,
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
