/**
 * A column kind written outside synthkit, in one file: `count` words drawn (seeded) from a
 * template's text. It plans (a template, so its references are dependencies, and a check with a
 * path) and fills (per record, from the record's seeded stream), and flags a record whose text
 * has no words rather than inventing one.
 */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from '../../src/columns/column-kind.js';

export const MAX_WORDS = 5;

export const wordSampleKind = defineColumnKind({
  schema: columnSchema('word-sample', { from: z.string().min(1), count: z.number().int().min(1) }),
  plan(column, ctx) {
    ctx.template('from', column.from);
    if (column.count > MAX_WORDS) ctx.issue(['count'], `count (${column.count}) must be at most ${MAX_WORDS}`);
  },
  sample({ column, templates }, { scope, rng }) {
    const words = templates.from.render(scope).split(/\s+/).filter(Boolean);
    if (!words.length) return { value: [], reason: 'no_words', error: 'no_words: the text has no words to draw from' };
    return { value: Array.from({ length: column.count }, () => rng.pick(words)) };
  },
  attributes: (column) => ({ columns: [{ field: column.name }] }),
});
