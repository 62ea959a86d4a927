/**
 * Fills a conversation cell: the model plays both sides in turn, each side with its own system
 * prompt (who it is, the scenario) and the dialogue so far seen from its side. The value is a
 * messages array ([{role: 'user'|'assistant', content}]) ready for chat fine-tuning formats.
 */
import type { PlannedColumn } from './column-kind.js';
import type { LlmConversationColumn } from './llm-conversation.js';
import type { ChatMessage } from '../models/types.js';
import type { CellRow } from '../store/run-store.js';
import { parseTextReply } from '../models/parse-reply.js';
import { deriveSeed } from '../core/rng.js';
import { callForCell, type FillOptions } from './fill-llm-cell.js';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export async function fillConversation(planned: PlannedColumn<LlmConversationColumn>, idx: number, scope: Record<string, unknown>, options: FillOptions): Promise<CellRow> {
  const column = planned.column;
  if (column.kind !== 'llm-conversation') throw new Error(`${column.name} is not a conversation column`);
  const scenario = planned.templates.scenario.render(scope);
  const systems = {
    user:
      `${planned.templates.user.render(scope)}\n\nScenario: ${scenario}\n\n` +
      'You are the user in this conversation, talking to an assistant. Write only your next message, in your own voice, with no labels.',
    assistant: `${planned.templates.assistant.render(scope)}\n\nScenario: ${scenario}\n\nWrite only your next reply to the user, with no labels.`,
  };
  const turns: Turn[] = [];
  let attempts = 0;
  for (let t = 0; t < column.turns * 2; t++) {
    const side: Turn['role'] = t % 2 === 0 ? 'user' : 'assistant';
    // Each side sees its own lines as 'assistant' and the other side's as 'user'.
    const history: ChatMessage[] = turns.map((turn) => ({ role: turn.role === side ? 'assistant' : 'user', content: turn.content }));
    if (side === 'user' && turns.length === 0) history.push({ role: 'user', content: 'Start the conversation: write your first message.' });
    let content: string | undefined;
    let error = '';
    for (let attempt = 0; attempt <= options.maxRepairs && content === undefined; attempt++) {
      attempts++;
      const request = {
        messages: [{ role: 'system' as const, content: systems[side] }, ...history],
        temperature: column.temperature,
        maxTokens: column.max_tokens,
        seed: deriveSeed(options.seed, idx, column.name, t, attempt),
      };
      const { reply, error: callError } = await callForCell(options, column.model, request, idx, column.name);
      if (!reply) return { idx, column: column.name, value: null, ok: false, error: callError, raw: JSON.stringify(turns), attempts };
      const parsed = parseTextReply(reply.text);
      if (parsed.ok) content = parsed.value as string;
      else error = parsed.error;
    }
    if (content === undefined) {
      return { idx, column: column.name, value: null, ok: false, error: `turn ${t + 1} (${side}): ${error}`, raw: JSON.stringify(turns), attempts };
    }
    turns.push({ role: side, content });
  }
  return { idx, column: column.name, value: turns, ok: true, attempts };
}
