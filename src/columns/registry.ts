/**
 * The built-in column kinds: one line each. A new kind is its own module plus one line here; the
 * recipe schema, planning, the engine, export and evaluation all read it from this list.
 */
import type { z } from 'zod';
import { createColumnRegistry } from './create-column-registry.js';
import { categoryKind } from './category.js';
import { subcategoryKind } from './subcategory.js';
import { integerKind } from './integer.js';
import { floatKind } from './float.js';
import { dateKind } from './date.js';
import { personaKind } from './persona.js';
import { jointKind } from './joint.js';
import { documentChunkKind } from './document-chunk.js';
import { conceptsKind } from './concepts.js';
import { expressionKind } from './expression.js';
import { topicTreeKind } from './topic-tree.js';
import { llmTextKind } from './llm-text.js';
import { llmObjectKind } from './llm-object.js';
import { llmConversationKind } from './llm-conversation.js';

/** In the order error messages list them. */
export const BUILTIN_COLUMN_KINDS = [
  categoryKind,
  subcategoryKind,
  integerKind,
  floatKind,
  dateKind,
  personaKind,
  jointKind,
  documentChunkKind,
  conceptsKind,
  expressionKind,
  topicTreeKind,
  llmTextKind,
  llmObjectKind,
  llmConversationKind,
] as const;

export const builtinColumnKinds = createColumnRegistry(BUILTIN_COLUMN_KINDS);

/** A column of a recipe, as parsed (defaults applied). */
export type Column = z.output<(typeof BUILTIN_COLUMN_KINDS)[number]['schema']>;
/** A column as a TypeScript user writes it. */
export type ColumnInput = z.input<(typeof BUILTIN_COLUMN_KINDS)[number]['schema']>;
