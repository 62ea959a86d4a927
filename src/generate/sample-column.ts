import type { PlannedColumn } from '../recipe/plan-recipe.js';
import type { Rng } from '../core/rng-types.js';
import { sampleCategory } from '../samplers/category.js';
import { sampleSubcategory } from '../samplers/subcategory.js';
import { sampleFloat, sampleInteger } from '../samplers/numbers.js';
import { sampleDate } from '../samplers/date.js';
import { samplePersona } from '../samplers/persona.js';
import { DIVERSITY_DIMENSIONS } from '../samplers/diversity-data.js';
import { pickTopic, type TopicTree } from '../columns/expand-topic-tree.js';
import { pickConcepts, pickDocumentChunk } from '../columns/sample-grounding.js';
import type { OpenedKnowledgeBase } from '../columns/open-knowledge-bases.js';

export interface SampleContext {
  idx: number;
  /** Records asked for: joint samplers plan their balance over this many. */
  total: number;
  rng: Rng;
  scope: Record<string, unknown>;
  /** Topic trees expanded for this run, by column name. */
  topicTrees: Map<string, TopicTree>;
  /** Knowledge bases opened for this run, by path. */
  kbs: Map<string, OpenedKnowledgeBase>;
  seed: number;
}

/** Computes a column's value for one record, for every column that is not filled by a model call per record. */
export function sampleColumn(planned: PlannedColumn, context: SampleContext): unknown {
  const { column } = planned;
  const { rng, scope } = context;
  switch (column.kind) {
    case 'category':
      return sampleCategory({ values: column.values ?? DIVERSITY_DIMENSIONS[column.builtin!].values, weights: column.weights }, rng);
    case 'subcategory':
      return sampleSubcategory(column, String(scope[column.parent]), rng);
    case 'integer':
      return sampleInteger(column, rng);
    case 'float':
      return sampleFloat(column, rng);
    case 'date':
      return sampleDate(column, rng);
    case 'persona':
      return samplePersona(column, rng);
    case 'joint':
      // Records past the planned total (until-valid runs) cycle through the balanced plan again.
      return planned.joint!.sample(context.idx % context.total);
    case 'topic-tree':
      return pickTopic(context.topicTrees.get(column.name)!, context.idx);
    case 'document-chunk':
      return pickDocumentChunk(context.kbs.get(column.kb)!, column.mode ?? 'single', context.idx, context.seed, column.name);
    case 'concepts':
      return pickConcepts(context.kbs.get(column.kb)!, rng, column.min ?? 2, column.max ?? 4);
    case 'expression':
      return convert(planned.templates.template.render(scope), column.type ?? 'string', column.name);
    default:
      throw new Error(`column '${column.name}' of kind ${column.kind} is filled by a model, not sampled`);
  }
}

function convert(text: string, type: 'string' | 'number' | 'boolean' | 'json', name: string): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'number': {
      const n = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(n)) throw new Error(`expression column '${name}' rendered '${text}', which is not a number`);
      return n;
    }
    case 'boolean':
      return text.trim() === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`expression column '${name}' rendered text that is not JSON: ${text.slice(0, 80)}`);
      }
  }
}
