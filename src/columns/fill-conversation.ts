/**
 * Fills a conversation cell: the model plays both sides in turn, each side with its own system
 * prompt (who it is, the scenario) and the dialogue so far seen from its side. The value is a
 * messages array ([{role: 'user'|'assistant', content}]) ready for chat fine-tuning formats.
 */
import type { PlannedColumn } from './column-kind.js';
import type { LlmConversationColumn } from './llm-conversation.js';
import type { ChatMessage } from '../models/types.js';
import type { CellRow } from '../store/run-store.js';
import { generateStructured } from '../models/generate-structured.js';
import { deriveSeed } from '../core/rng.js';
import type { FillOptions } from './fill-llm-cell.js';
import { DATA_PREFACE, fenceScope } from '../prompting/fence-data.js';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export async function fillConversation(
  planned: PlannedColumn<LlmConversationColumn>,
  idx: number,
  scope: Record<string, unknown>,
  options: FillOptions,
): Promise<CellRow> {
  const column = planned.column;
  if (column.kind !== 'llm-conversation') throw new Error(`${column.name} is not a conversation column`);
  // Values from data reach the role prompts fenced, as in prompt columns (fill-llm-cell.ts).
  const fenced = column.fence_data === false ? [] : planned.dependsOn.filter((name) => options.untrusted?.has(name) && Object.hasOwn(scope, name));
  const promptScope = fenced.length ? fenceScope(scope, fenced) : scope;
  const preface = fenced.length ? `${DATA_PREFACE}\n\n` : '';
  const scenario = planned.templates.scenario.render(promptScope);
  const systems = {
    user:
      `${preface}${planned.templates.user.render(promptScope)}\n\nScenario: ${scenario}\n\n` +
      'You are the user in this conversation, talking to an assistant. Write only your next message, in your own voice, with no labels.',
    assistant: `${preface}${planned.templates.assistant.render(promptScope)}\n\nScenario: ${scenario}\n\nWrite only your next reply to the user, with no labels.`,
  };
  const turns: Turn[] = [];
  let attempts = 0;
  for (let t = 0; t < column.turns * 2; t++) {
    const side: Turn['role'] = t % 2 === 0 ? 'user' : 'assistant';
    // Each side sees its own lines as 'assistant' and the other side's as 'user'.
    const history: ChatMessage[] = turns.map((turn) => ({ role: turn.role === side ? 'assistant' : 'user', content: turn.content }));
    if (side === 'user' && turns.length === 0) history.push({ role: 'user', content: 'Start the conversation: write your first message.' });
    // Each turn is a plain-text reply; an empty one is asked again with the reason.
    const result = await generateStructured<string>(options.runner, {
      model: column.model,
      messages: [{ role: 'system', content: systems[side] }, ...history],
      maxRepairs: options.maxRepairs,
      temperature: column.temperature,
      maxTokens: column.max_tokens,
      seed: (attempt) => deriveSeed(options.seed, idx, column.name, t, attempt),
      signal: options.signal,
      context: { idx, column: column.name },
    });
    attempts += result.attempts;
    if (!result.ok) {
      const error = result.reason === 'call_failed' ? result.error : `turn ${t + 1} (${side}): ${result.error}`;
      return { idx, column: column.name, value: null, ok: false, reason: result.reason, error, raw: JSON.stringify(turns), attempts };
    }
    const content = result.value;
    turns.push({ role: side, content });
  }
  return { idx, column: column.name, value: turns, ok: true, attempts };
}
