/**
 * An llm-conversation column: the model plays both sides of a dialogue for `turns` exchanges (see
 * fill-conversation.ts); the value is a messages array ready for chat fine-tuning formats.
 */
import { z } from 'zod';
import { columnNameSchema, columnSchema, defineColumnKind } from './column-kind.js';
import { fillConversation } from './fill-conversation.js';

const schema = columnSchema('llm-conversation', {
  model: columnNameSchema,
  /** What the conversation is about (template). */
  scenario: z.string().min(1),
  /** Who the user is and what they want (template); the model plays this side too. */
  user: z.string().min(1),
  /** Who the assistant is (template). */
  assistant: z.string().min(1),
  /** User/assistant exchanges. */
  turns: z.number().int().min(1).max(20),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  /** Values from data (model replies, documents, files) are fenced as data in the role prompts; false renders them bare. */
  fence_data: z.boolean().optional(),
});

export type LlmConversationColumn = z.output<typeof schema>;

export const llmConversationKind = defineColumnKind({
  untrusted: true,
  schema,
  plan(column, ctx) {
    ctx.template('scenario', column.scenario);
    ctx.template('user', column.user);
    ctx.template('assistant', column.assistant);
  },
  models: (column) => [column.model],
  fill: (planned, ctx) => fillConversation(planned, ctx.idx, ctx.scope, ctx.run),
});
