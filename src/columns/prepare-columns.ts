/**
 * Runs the columns' once-per-run preparation (topic-tree expansion, samplers sized to the run)
 * before any record needs it, in plan order, and hands each result to that column's cells.
 */
import type { ColumnBase, PlannedColumn, PrepareContext } from './column-kind.js';
import type { ColumnRegistry } from './create-column-registry.js';

export async function prepareColumns(
  plan: { columns: readonly PlannedColumn<ColumnBase>[]; kinds: ColumnRegistry },
  ctx: PrepareContext,
): Promise<Map<string, unknown>> {
  const prepared = new Map<string, unknown>();
  for (const planned of plan.columns) {
    const kind = plan.kinds.get(planned.column.kind);
    if (kind.prepare) prepared.set(planned.column.name, await kind.prepare(planned, ctx));
  }
  return prepared;
}
