/**
 * An llm-object column: a prompt answered with a JSON object valid against the column's JSON
 * Schema. Each schema is compiled by its own validator instance, made at plan time, so a schema's
 * `$id` never meets itself (planning the recipe twice, validate then generate, or the reasoning
 * wrapper holding the schema a second time).
 */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { planPrompt, promptHooks, promptShape, type PromptState } from './prompt-column.js';
import { compileSchema } from '../models/compile-schema.js';
import { withReasoningField } from '../models/reasoning-reply.js';
import { schemaProblems } from '../models/schema-problems.js';

const schema = columnSchema('llm-object', { ...promptShape, schema: z.record(z.string(), z.unknown()) });

export type LlmObjectColumn = z.output<typeof schema>;

export const llmObjectKind = defineColumnKind({
  schema,
  plan(column, ctx): PromptState {
    const state = planPrompt(column, ctx);
    const problems = schemaProblems(column.schema);
    for (const problem of problems) ctx.issue(['schema', ...problem.path], problem.message);
    if (problems.length) return state;
    try {
      state.validate = compileSchema(column.schema);
      if (column.reasoning) state.validateWithReasoning = compileSchema(withReasoningField(column.schema));
    } catch (error) {
      ctx.issue(['schema'], `not a valid JSON Schema: ${(error as Error).message}`);
    }
    return state;
  },
  ...promptHooks<LlmObjectColumn>(),
});
