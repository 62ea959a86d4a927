/**
 * Where a payload can be planted in a recipe, and the recipe with it planted there:
 * - `few_shot:<column>`: the column's example file replaced by one whose examples carry the payload
 *   in every field (k of them, so every selection shows it);
 * - `documents:<column>`: a knowledge base (document-chunk column or retrieval) replaced by a
 *   folder holding one document with the payload inside ordinary text, ingested by the run;
 * - `column:<name>`: an earlier text column (llm-text or expression) read by a prompt column
 *   replaced by an expression whose value is the payload, as if a model had written it.
 * Seed rows are a file a column reads, so they are planted the same way as few-shot files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExamples } from '../prompting/few-shot/load-examples.js';
import type { Column, Recipe } from '../recipe/schema.js';
import type { RedteamPayload } from '../safety/injection/redteam-payloads.js';

export interface PlantPoint {
  /** e.g. 'few_shot:answer', 'documents:passage', 'column:draft'. */
  id: string;
  plant(recipe: Recipe, payload: RedteamPayload, dir: string): Recipe;
}

type AnyColumn = Record<string, unknown> & { name: string; kind: string; drop?: boolean };

const FILLER =
  'The council reviewed the feedback received in March. Residents asked for longer library hours, more shade along footpaths and clearer bus timetables.';

function replaceColumn(recipe: Recipe, name: string, make: (c: AnyColumn) => AnyColumn): Recipe {
  return { ...recipe, columns: recipe.columns.map((c) => (c.name === name ? (make(c as unknown as AnyColumn) as unknown as Column) : c)) };
}

function documentsFolder(dir: string, payload: RedteamPayload): string {
  const folder = join(dir, `docs-${payload.id}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'planted.txt'), `${FILLER}\n\n${payload.text}\n\n${FILLER}\n`);
  return folder;
}

/** Every plant point the recipe offers. */
export function plantPoints(recipe: Recipe): PlantPoint[] {
  const points: PlantPoint[] = [];
  const columns = recipe.columns as unknown as AnyColumn[];
  for (const column of columns) {
    const fewShot = column.few_shot as { file: string; k: number } | undefined;
    if (fewShot) {
      points.push({
        id: `few_shot:${column.name}`,
        plant(r, payload, dir) {
          const fields = Object.keys(loadExamples(fewShot.file, { k: fewShot.k })[0] ?? { text: '' });
          const row = Object.fromEntries(fields.map((f) => [f, payload.text]));
          const file = join(dir, `few-shot-${column.name}-${payload.id}.jsonl`);
          writeFileSync(file, `${Array.from({ length: fewShot.k }, () => JSON.stringify(row)).join('\n')}\n`);
          return replaceColumn(r, column.name, (c) => ({
            ...c,
            few_shot: { ...(c.few_shot as object), file, strategy: 'random', stratify_by: undefined, similar_fields: undefined },
          }));
        },
      });
    }
    if (column.kind === 'document-chunk') {
      points.push({
        id: `documents:${column.name}`,
        plant: (r, payload, dir) => replaceColumn(r, column.name, (c) => ({ ...c, kb: documentsFolder(dir, payload) })),
      });
    }
    const retrieve = column.retrieve as { kb: string; min_score?: number; hybrid?: boolean } | undefined;
    if (retrieve) {
      points.push({
        id: `documents:${column.name}`,
        plant: (r, payload, dir) =>
          replaceColumn(r, column.name, (c) => ({
            ...c,
            retrieve: { ...(c.retrieve as object), kb: documentsFolder(dir, payload), min_score: undefined, hybrid: undefined },
          })),
      });
    }
  }
  // Text columns that a prompt reads: their value is what an upstream model could have written.
  const prompts = columns.filter((c) => typeof c.prompt === 'string');
  for (const column of columns) {
    if (column.kind !== 'llm-text' && column.kind !== 'expression') continue;
    const reference = new RegExp(`{{-?\\s*${column.name}\\b`);
    if (!prompts.some((p) => p.name !== column.name && (reference.test(p.prompt as string) || reference.test((p.system as string | undefined) ?? ''))))
      continue;
    points.push({
      id: `column:${column.name}`,
      plant: (r, payload) =>
        replaceColumn(
          r,
          column.name,
          (c) => ({ name: c.name, kind: 'expression', template: `{% raw %}${payload.text}{% endraw %}`, ...(c.drop ? { drop: true } : {}) }) as AnyColumn,
        ),
    });
  }
  return points;
}
