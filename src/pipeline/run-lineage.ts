/**
 * Lineage of a generated run, for model-collapse bookkeeping: which models wrote it, its
 * generation depth (1 for data made from real data only; one more than the deepest synthetic data
 * it drew on), and per record the ids of the synthetic records it descends from (the few-shot
 * examples it was shown that carry a synthetic `_lineage`). Written as `<run-dir>/lineage.json`
 * after generation; `synthkit mix` stamps it onto each record as `_lineage`.
 *
 * Kept beside the dataset rather than as a new dataset column so existing datasets keep their
 * schema; a record gets its `_lineage` field when it is mixed or seeded into the next generation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import type { Plan } from '../recipe/plan-recipe.js';
import type { Lineage } from './mix-datasets.js';

export const LINEAGE_FILE = 'lineage.json';

export interface RunLineage {
  generator: { name: string; engine: string; model?: string }[];
  generation: number;
  /** Ancestor ids per record id (records with none are absent). */
  ancestors: Record<string, (string | number)[]>;
}

export async function writeRunLineage(plan: Plan, dir: string): Promise<RunLineage> {
  const used = new Set(plan.columns.flatMap((p) => plan.kinds.modelsOf(p.column)));
  const generator = [...used].sort().map((name) => {
    const config = plan.recipe.models[name] as { engine: string; model?: string; path?: string };
    return { name, engine: config.engine, ...((config.model ?? config.path) ? { model: config.model ?? config.path } : {}) };
  });
  // Few-shot files per column: the examples a record was shown are its possible ancestors.
  const examples = new Map<string, Record<string, unknown>[]>();
  for (const column of plan.recipe.columns as { name: string; few_shot?: { file: string } }[]) {
    if (column.few_shot?.file && existsSync(column.few_shot.file)) examples.set(column.name, readRows(column.few_shot.file));
  }
  let deepest = 0;
  for (const rows of examples.values()) for (const row of rows) deepest = Math.max(deepest, syntheticGeneration(row));
  const ancestors: RunLineage['ancestors'] = {};
  const datasetFile = join(dir, 'dataset.jsonl');
  if (examples.size && existsSync(datasetFile)) {
    for (const record of readRows(datasetFile)) {
      const shown = (record._few_shot ?? {}) as Record<string, number[]>;
      const ids: (string | number)[] = [];
      for (const [column, indexes] of Object.entries(shown)) {
        for (const index of indexes ?? []) {
          const example = examples.get(column)?.[index];
          if (example && syntheticGeneration(example) > 0) ids.push((example._id as string | number | undefined) ?? `${column}:${index}`);
        }
      }
      if (ids.length) ancestors[String(record._id)] = ids;
    }
  }
  const lineage: RunLineage = { generator, generation: deepest + 1, ancestors };
  await writeFileAtomic(join(dir, LINEAGE_FILE), `${JSON.stringify(lineage, null, 1)}\n`);
  return lineage;
}

/** The `_lineage` a record of a run gets, from the run's lineage.json (undefined when there is none). */
export function readRunLineage(dir: string): ((record: Record<string, unknown>) => Omit<Lineage, 'source'>) | undefined {
  const file = join(dir, LINEAGE_FILE);
  if (!existsSync(file)) return undefined;
  const lineage = JSON.parse(readFileSync(file, 'utf8')) as RunLineage;
  return (record) => ({
    origin: 'synthetic',
    generation: lineage.generation,
    model: lineage.generator.map((g) => g.model ?? g.name).join(', '),
    ancestors: lineage.ancestors[String(record._id)] ?? [],
  });
}

function syntheticGeneration(row: Record<string, unknown>): number {
  const lineage = row._lineage as Partial<Lineage> | undefined;
  return lineage?.origin === 'synthetic' && typeof lineage.generation === 'number' ? lineage.generation : 0;
}

function readRows(file: string): Record<string, unknown>[] {
  if (!file.endsWith('.jsonl') && !file.endsWith('.json')) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
