import type { PlannedColumn } from '../recipe/plan-recipe.js';
import type { ChatMessage } from '../models/types.js';

/** Renders an LLM column's system and user prompts over the record's values so far. */
export function buildMessages(planned: PlannedColumn, scope: Record<string, unknown>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const system = planned.templates.system?.render(scope);
  if (system) messages.push({ role: 'system', content: system });
  let prompt = planned.templates.prompt.render(scope);
  if (planned.column.kind === 'llm-object') {
    // Engines with a grammar or JSON mode enforce the schema; stating it also helps those without.
    prompt += `\n\nReply with only a JSON value matching this JSON Schema:\n${JSON.stringify(planned.column.schema)}`;
  }
  messages.push({ role: 'user', content: prompt });
  return messages;
}
