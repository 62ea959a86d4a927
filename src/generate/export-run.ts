/**
 * Writes a finished run's dataset files and builds its summary. Columns marked `drop` stay in the
 * run's database (other columns used them) but are left out of the files.
 *
 * Each exported record carries `_id` (its index in the run), `_valid`, and `_errors` (why a cell
 * was flagged; empty when valid), so a flagged record is visible rather than silently missing.
 */
import { join } from 'node:path';
import type { Plan } from '../recipe/plan-recipe.js';
import { kbOf } from '../recipe/schema.js';
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
  // Each kept column, followed by its reasoning when the column keeps it apart from the answer.
  const fields: { name: string; read: (r: RecordRow) => unknown }[] = [];
  for (const c of plan.recipe.columns) {
    if (c.drop) continue;
    if (c.kind === 'document-chunk' || c.kind === 'concepts') {
      // The fenced prompt block and the sources (exported in _sources) would only repeat the passage.
      fields.push({ name: c.name, read: (r) => withoutKeys(r.data[c.name], ['block', 'sources']) });
      continue;
    }
    fields.push({ name: c.name, read: (r) => r.data[c.name] });
    if ((c.kind === 'llm-text' || c.kind === 'llm-object') && c.reasoning && c.keep_reasoning !== false) {
      fields.push({ name: `${c.name}_reasoning`, read: (r) => (r.data._reasoning as Record<string, unknown> | undefined)?.[c.name] ?? null });
    }
  }
  const prompted = plan.recipe.columns.filter((c) => c.kind === 'llm-text' || c.kind === 'llm-object');
  if (prompted.some((c) => c.logprobs)) fields.push({ name: '_logprobs', read: (r) => r.data._logprobs ?? null });
  if (prompted.some((c) => c.few_shot)) fields.push({ name: '_few_shot', read: (r) => r.data._few_shot ?? null });
  if (plan.recipe.columns.some((c) => kbOf(c))) fields.push({ name: '_sources', read: (r) => r.data._sources ?? null });
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

function withoutKeys(value: unknown, keys: string[]): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}
