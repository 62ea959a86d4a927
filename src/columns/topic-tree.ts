/**
 * A topic-tree column: once per run the model expands a root topic into subtopics (see
 * expand-topic-tree.ts), and records take the leaves evenly. A node the model could not expand
 * stays a leaf standing for its whole subtree; records that get it are flagged
 * (`topic_unexpanded`), never passed off as valid, and the tree written to the run directory
 * lists every such node with the reason.
 */
import { z } from 'zod';
import { join } from 'node:path';
import { columnNameSchema, columnSchema, defineColumnKind } from './column-kind.js';
import { expandTopicTree, leafFor, pickTopic, unexpandedReason } from './expand-topic-tree.js';
import { writeFileAtomic } from '../core/write-atomic.js';

const schema = columnSchema('topic-tree', {
  model: columnNameSchema,
  root: z.string().min(1),
  depth: z.number().int().min(1).max(4),
  breadth: z.number().int().min(2).max(20),
  /** Extra guidance for the expansion prompt (audience, domain, what to avoid). */
  instructions: z.string().optional(),
});

export type TopicTreeColumn = z.output<typeof schema>;

export const topicTreeKind = defineColumnKind({
  untrusted: true,
  schema,
  plan(column, ctx) {
    if (ctx.template('root', column.root)?.references.length) {
      ctx.issue(['root'], 'the root topic is expanded once per run, so it cannot refer to other columns');
    }
  },
  models: (column) => [column.model],
  async prepare({ column }, { runner, seed, signal, dir, maxRepairs }) {
    const tree = await expandTopicTree(column, runner, seed, signal, maxRepairs);
    await writeFileAtomic(join(dir, `topic-tree-${column.name}.json`), JSON.stringify(tree, null, 2));
    return tree;
  },
  sample(_planned, { idx, prepared: tree }) {
    const value = pickTopic(tree, idx);
    const reason = unexpandedReason(tree, leafFor(tree, idx));
    if (reason === undefined) return { value };
    return { value, reason: 'topic_unexpanded', error: `topic_unexpanded: "${value.path}" could not be expanded into subtopics (${reason})` };
  },
});
