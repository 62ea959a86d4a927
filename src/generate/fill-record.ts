/**
 * Computes one record: every column in dependency order, samplers from streams seeded by
 * (seed, record, column), model cells committed to the run store as they finish. A record cut off
 * by an earlier stop reuses the cells it already has.
 */
import type { Plan } from '../recipe/plan-recipe.js';
import { isLlmColumn } from '../recipe/schema.js';
import type { CellRow, RecordRow, RunStore } from '../store/run-store.js';
import { TemplateError } from '../prompting/template.js';
import { createRng, deriveSeed } from '../core/rng.js';
import { fillLlmCell, type FillOptions } from '../columns/fill-llm-cell.js';
import { fillConversation } from '../columns/fill-conversation.js';
import { sampleColumn } from './sample-column.js';
import type { TopicTree } from '../columns/expand-topic-tree.js';
import type { OpenedKnowledgeBase } from '../columns/open-knowledge-bases.js';

export interface RecordContext {
  plan: Plan;
  store: RunStore;
  /** Records asked for (joint samplers balance over this many). */
  target: number;
  topicTrees: Map<string, TopicTree>;
  kbs: Map<string, OpenedKnowledgeBase>;
  fill: FillOptions;
}

/** Per-cell facts kept on the record beside the values. */
type Extras = Record<'_logprobs' | '_few_shot' | '_reasoning' | '_sources', Record<string, unknown>>;

/** The finished record and how many of its cells failed now; undefined when the run was stopped midway. */
export async function fillRecord(idx: number, resumed: boolean, ctx: RecordContext): Promise<{ record: RecordRow; failedCells: number } | undefined> {
  const { plan, store } = ctx;
  const seed = plan.seed;
  const scope: Record<string, unknown> = {};
  const finished = resumed ? store.cellsOf(idx) : new Map<string, CellRow>();
  const errors: string[] = [];
  const extras: Extras = { _logprobs: {}, _few_shot: {}, _reasoning: {}, _sources: {} };
  const fill = ctx.fill;
  let failedCells = 0;
  for (const planned of plan.columns) {
    const column = planned.column;
    try {
      if (!isLlmColumn(column)) {
        const rng = createRng(deriveSeed(seed, idx, column.name));
        const value = sampleColumn(planned, { idx, total: ctx.target, rng, scope, topicTrees: ctx.topicTrees, kbs: ctx.kbs, seed });
        scope[column.name] = value;
        if (column.kind === 'document-chunk' || column.kind === 'concepts') extras._sources[column.name] = (value as { sources: unknown }).sources;
        continue;
      }
      let cell = finished.get(column.name);
      if (!cell) {
        cell = column.kind === 'llm-conversation' ? await fillConversation(planned, idx, scope, fill) : await fillLlmCell(planned, idx, scope, fill);
        if (fill.signal?.aborted) return undefined;
        store.queueCell(cell);
        if (!cell.ok) failedCells++;
      }
      scope[column.name] = cell.value;
      if (cell.logprobs) extras._logprobs[column.name] = cell.logprobs;
      if (cell.fewShot) extras._few_shot[column.name] = cell.fewShot;
      if (cell.reasoning) extras._reasoning[column.name] = cell.reasoning;
      if (cell.sources) extras._sources[column.name] = cell.sources;
      if (!cell.ok) errors.push(`${column.name}: ${cell.error}`);
    } catch (error) {
      throw error instanceof TemplateError ? new TemplateError(`column '${column.name}', record ${idx}: ${error.message}`) : error;
    }
  }
  const data: Record<string, unknown> = { ...scope };
  for (const [key, value] of Object.entries(extras)) if (Object.keys(value).length) data[key] = value;
  const record = { idx, data, valid: errors.length === 0, errors };
  store.queueRecord(record);
  return { record, failedCells };
}
