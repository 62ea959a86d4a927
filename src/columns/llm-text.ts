/** An llm-text column: a prompt over the record's columns, answered in plain text. */
import type { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { planPrompt, promptHooks, promptShape } from './prompt-column.js';

const schema = columnSchema('llm-text', promptShape);

export type LlmTextColumn = z.output<typeof schema>;

export const llmTextKind = defineColumnKind({
  schema,
  plan: planPrompt,
  ...promptHooks<LlmTextColumn>(),
});
