/**
 * A concepts column: 2-4 connected concepts per record, drawn by a random walk on the knowledge
 * base's concept graph, with the passages where they occur (fenced as data in `block`).
 */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { pickConcepts, withoutPromptFields } from './sample-grounding.js';

const DEFAULT_MIN = 2;
const DEFAULT_MAX = 4;

export const conceptsKind = defineColumnKind({
  untrusted: true,
  schema: columnSchema('concepts', {
    kb: z.string().min(1),
    min: z.number().int().min(1).max(8).optional(),
    max: z.number().int().min(1).max(8).optional(),
  }),
  plan(column, ctx) {
    const min = column.min ?? DEFAULT_MIN;
    const max = column.max ?? DEFAULT_MAX;
    if (min > max) ctx.issue(['max'], `max (${max}) must be >= min (${min})`);
  },
  knowledgeBases: (column) => [{ path: column.kb, field: ['kb'], conceptGraph: true }],
  resolvePaths: (column, resolve) => ({ ...column, kb: resolve(column.kb) }),
  sample({ column }, { rng, run }) {
    const value = pickConcepts(run.kbs.get(column.kb)!, rng, column.min ?? DEFAULT_MIN, column.max ?? DEFAULT_MAX);
    return { value, sources: value.sources };
  },
  exported: (column) => ({ fields: [{ name: column.name, read: (data) => withoutPromptFields(data[column.name]) }], extras: ['_sources'] }),
});
