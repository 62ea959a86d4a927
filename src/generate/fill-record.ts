/**
 * Computes one record: every column in dependency order, each through its kind (src/columns):
 * sampled cells from streams seeded by (seed, record, column), model cells committed to the run
 * store as they finish.
 *
 * - A cell whose inputs failed is not computed (a model is never sent a prompt built on a missing
 *   value): it is flagged `input_failed`, naming the input.
 * - A resumed record reuses the model cells it already has that succeeded, and computes its failed
 *   ones again. Sampled cells are always recomputed (they cost nothing and come out the same); only
 *   their failures are stored, so a run's failures can be counted from the store.
 */
import type { Plan } from '../recipe/plan-recipe.js';
import type { CellRow, RecordRow, RunStore } from '../store/run-store.js';
import { TemplateError } from '../prompting/template.js';
import { createRng, deriveSeed } from '../core/rng.js';
import type { CellContext, RunResources } from '../columns/column-kind.js';
import { INJECTION_QUARANTINED } from '../safety/injection/guard-config.js';

export interface RecordContext {
  plan: Plan;
  store: RunStore;
  /** Records asked for (joint samplers balance over this many). */
  target: number;
  run: RunResources;
}

/** The stable reason of a cell skipped because a column it reads has no usable value. */
export const INPUT_FAILED = 'input_failed';

/** Per-cell facts kept on the record beside the values. */
type Extras = Record<'_logprobs' | '_few_shot' | '_reasoning' | '_sources' | '_safety', Record<string, unknown>>;

/** The finished record and how many of its cells failed now; undefined when the run was stopped midway. */
export async function fillRecord(idx: number, resumed: boolean, ctx: RecordContext): Promise<{ record: RecordRow; failedCells: number } | undefined> {
  const { plan, store, run } = ctx;
  const scope: Record<string, unknown> = {};
  const stored = resumed ? store.cellsOf(idx) : new Map<string, CellRow>();
  const failed = new Set<string>();
  const errors: string[] = [];
  const extras: Extras = { _logprobs: {}, _few_shot: {}, _reasoning: {}, _sources: {}, _safety: {} };
  let failedCells = 0;
  for (const planned of plan.columns) {
    const { column } = planned;
    const kind = plan.kinds.get(column.kind);
    const before = stored.get(column.name);
    let cell: CellRow;
    try {
      const input = planned.dependsOn.find((name) => failed.has(name));
      if (input !== undefined) {
        cell = {
          idx,
          column: column.name,
          value: null,
          ok: false,
          reason: INPUT_FAILED,
          error: `${INPUT_FAILED}: column '${input}' has no usable value, so this cell was not computed`,
          attempts: 0,
        };
      } else if (kind.fill && before?.ok) {
        cell = before;
      } else {
        const cellContext: CellContext = {
          idx,
          total: ctx.target,
          scope,
          rng: createRng(deriveSeed(plan.seed, idx, column.name)),
          run,
          prepared: run.prepared.get(column.name),
        };
        if (kind.fill) {
          cell = await kind.fill(planned, cellContext);
          if (run.signal?.aborted) return undefined;
        } else {
          const sampled = kind.sample!(planned, cellContext);
          cell = {
            idx,
            column: column.name,
            value: sampled.value,
            ok: sampled.error === undefined,
            error: sampled.error,
            reason: sampled.reason,
            sources: sampled.sources,
            attempts: 0,
          };
        }
      }
    } catch (error) {
      throw TemplateError.isInstance(error) ? new TemplateError(`column '${column.name}', record ${idx}: ${(error as Error).message}`) : error;
    }
    if (cell !== before) {
      // Model cells are kept as they finish; a sampled cell only when it failed, or to replace a stored failure.
      if (kind.fill || !cell.ok || before) store.queueCell(cell);
      if (!cell.ok) failedCells++;
    }
    scope[column.name] = cell.value;
    if (cell.logprobs) extras._logprobs[column.name] = cell.logprobs;
    if (cell.fewShot) extras._few_shot[column.name] = cell.fewShot;
    if (cell.reasoning) extras._reasoning[column.name] = cell.reasoning;
    if (cell.sources) extras._sources[column.name] = cell.sources;
    if (cell.safety?.length) extras._safety[column.name] = cell.safety;
    // Quarantine keeps the cell (later columns still read it) but the record is not valid output.
    const quarantined = cell.ok && cell.safety?.find((n) => n.action === 'quarantine');
    if (quarantined)
      errors.push(
        `${column.name}: ${INJECTION_QUARANTINED}: ${quarantined.source} reads as a prompt injection (${quarantined.categories.join(', ')}; score ${quarantined.score})`,
      );
    if (!cell.ok) {
      failed.add(column.name);
      errors.push(`${column.name}: ${cell.error}`);
    }
  }
  const data: Record<string, unknown> = { ...scope };
  for (const [key, value] of Object.entries(extras)) if (Object.keys(value).length) data[key] = value;
  const record = { idx, data, valid: errors.length === 0, errors };
  store.queueRecord(record);
  return { record, failedCells };
}
