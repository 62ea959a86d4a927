/**
 * A topic-tree column: the model expands a root topic into subtopics, level by level (depth and
 * breadth set by the user), once per run; records then take the leaves evenly, each leaf once per
 * cycle in a seeded order. The expansion's calls are cached like any other, so a resumed or
 * repeated run rebuilds the same tree for free.
 */
import type { ModelRunner } from '../models/model-runner.js';
import type { ChatMessage } from '../models/types.js';
import type { TopicTreeColumn } from './topic-tree.js';
import { compileSchema } from '../models/compile-schema.js';
import { generateStructured } from '../models/generate-structured.js';
import { DEFAULT_MAX_REPAIRS } from '../models/defaults.js';
import { deriveSeed } from '../core/rng.js';
import { ColumnError } from './column-error.js';
import { evenCycleIndex } from '../samplers/even-cycle.js';

export interface TopicTree {
  column: string;
  seed: number;
  /** Every leaf as its path from the root. */
  leaves: string[][];
  /** Nodes the model could not expand (kept as leaves), with the reason. */
  unexpanded: { path: string[]; reason: string }[];
}

/**
 * Expands the tree level by level. A node whose replies never give distinct subtopics within
 * `maxRepairs` repairs stays a leaf (listed in `unexpanded`); a call that fails after its transport
 * retries stops the run before any record is built on a partial tree (a resume asks again, with
 * the replies already paid for answered from the run's store).
 */
export async function expandTopicTree(
  column: TopicTreeColumn,
  runner: ModelRunner,
  seed: number,
  signal?: AbortSignal,
  maxRepairs = DEFAULT_MAX_REPAIRS,
): Promise<TopicTree> {
  const schema = {
    type: 'object',
    properties: { subtopics: { type: 'array', items: { type: 'string', minLength: 2, maxLength: 80 }, minItems: column.breadth, maxItems: column.breadth } },
    required: ['subtopics'],
  };
  const validate = compileSchema(schema);
  const tree: TopicTree = { column: column.name, seed, leaves: [], unexpanded: [] };
  let level: string[][] = [[column.root]];
  for (let depth = 0; depth < column.depth; depth++) {
    const children = await Promise.all(
      level.map(async (path): Promise<string[][]> => {
        const messages: ChatMessage[] = [{ role: 'user', content: expansionPrompt(column, path) }];
        const result = await generateStructured<{ subtopics: string[] }>(runner, {
          model: column.model,
          messages,
          schema,
          validate,
          maxRepairs,
          check: (value) => (distinct(value.subtopics).length ? undefined : 'no distinct subtopics'),
          seed: (attempt) => deriveSeed(seed, column.name, path.join('\u0000'), attempt),
          signal,
          context: { idx: -1, column: column.name },
        });
        if (result.ok) return distinct(result.value.subtopics).map((s) => [...path, s]);
        if (result.reason === 'call_failed') throw new ColumnError(`topic tree '${column.name}': expanding "${path.join(' > ')}": ${result.error}`);
        tree.unexpanded.push({ path, reason: result.error });
        return [path];
      }),
    );
    level = children.flat();
  }
  tree.leaves = level;
  return tree;
}

function expansionPrompt(column: TopicTreeColumn, path: string[]): string {
  const where = path.length > 1 ? ` (within ${path.slice(0, -1).join(' > ')})` : '';
  return (
    `List ${column.breadth} distinct, specific subtopics of "${path.at(-1)}"${where}. ` +
    'Each subtopic is a short phrase; together they should cover the topic without overlapping.' +
    (column.instructions ? `\n${column.instructions}` : '')
  );
}

function distinct(items: string[]): string[] {
  const seen = new Set<string>();
  return items.map((s) => s.trim()).filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** The leaf for record `idx`: every leaf once per cycle of `leaves.length` records, in a seeded order per cycle. */
export function pickTopic(tree: TopicTree, idx: number): { leaf: string; path: string } {
  const path = leafFor(tree, idx);
  return { leaf: path.at(-1)!, path: path.join(' > ') };
}

/** The leaf for record `idx`, as its path from the root. */
export function leafFor(tree: TopicTree, idx: number): string[] {
  return tree.leaves[evenCycleIndex(tree.leaves.length, idx, tree.seed, tree.column)];
}

/** Why a leaf is a node the model could not expand (so it stands for a whole subtree), or undefined for a real leaf. */
export function unexpandedReason(tree: TopicTree, path: readonly string[]): string | undefined {
  return tree.unexpanded.find((u) => u.path.length === path.length && u.path.every((p, i) => p === path[i]))?.reason;
}
