/**
 * Which record fields are the system, user and assistant turns (or a whole conversation), and
 * which is the label; and turning one record into a chat example with errors that name the record,
 * the field and the fix. A mapping never guesses: a missing field or an empty turn is an error,
 * because a training file with silently empty replies teaches the model to say nothing.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { ExportError } from './export-error.js';
import type { ChatExample, Role, Turn } from './training-example.js';

const field = z.string().min(1);

export const exportMappingSchema = z
  .object({
    /** Field holding a whole conversation: [{ role, content }] (what an llm-conversation column writes). */
    messages: field.optional(),
    /** Field holding the system prompt. */
    system: field.optional(),
    /** A fixed system prompt for every example (when no field holds one). */
    system_prompt: z.string().min(1).optional(),
    /** Field holding the user turn (instruction, question). */
    user: field.optional(),
    /** Field holding extra context for the user turn (Alpaca's `input`); appended to the user turn in chat formats. */
    input: field.optional(),
    /** Field holding the assistant turn (response, answer). */
    assistant: field.optional(),
    /** Field holding a label (kept beside each example; also what `split.stratify_by` defaults to). */
    label: field.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.system && m.system_prompt)
      ctx.addIssue({ code: 'custom', path: ['system_prompt'], message: 'give system (a field) or system_prompt (fixed text), not both' });
    if (m.messages && (m.user || m.assistant))
      ctx.addIssue({ code: 'custom', path: ['messages'], message: 'give messages (a conversation field) or user + assistant fields, not both' });
  });

export type ExportMapping = z.infer<typeof exportMappingSchema>;

const ROLE_ALIASES: Record<string, Role> = { system: 'system', user: 'user', human: 'user', assistant: 'assistant', gpt: 'assistant', model: 'assistant' };

/** A field's value as turn text: strings as they are, other values as JSON (a structured answer is trained as JSON). */
function turnText(record: Record<string, unknown>, path: string, id: unknown, role: string, required: boolean): string | undefined {
  const value = getPath(record, path);
  if (value === undefined || value === null) {
    if (!required) return undefined;
    if (!(path.split('.')[0] in record))
      throw new ExportError(
        `record ${String(id)}: the mapping's ${role} field '${path}' is not in the record (fields: ${Object.keys(record)
          .filter((k) => !k.startsWith('_'))
          .join(', ')}); fix mapping.${role}`,
      );
    throw new ExportError(
      `record ${String(id)}: ${role} turn '${path}' is empty (null); drop such records in curation (e.g. a required stage) or fix mapping.${role}`,
    );
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.trim() === '') {
    if (!required) return undefined;
    throw new ExportError(`record ${String(id)}: ${role} turn '${path}' is empty; drop such records in curation (e.g. a length stage) or fix mapping.${role}`);
  }
  return text;
}

/** The system turn of a record, if the mapping has one. */
function systemTurn(record: Record<string, unknown>, mapping: ExportMapping, id: unknown): Turn[] {
  if (mapping.system_prompt) return [{ role: 'system', content: mapping.system_prompt }];
  if (mapping.system) return [{ role: 'system', content: turnText(record, mapping.system, id, 'system', true)! }];
  return [];
}

/** The prompt turns only (system, user+input), for preference pairs whose replies come from elsewhere. */
export function promptTurns(record: Record<string, unknown>, mapping: ExportMapping, id: string | number): Turn[] {
  if (!mapping.user) throw new ExportError('preference pairs need mapping.user: the field holding the prompt both replies answer');
  const user = turnText(record, mapping.user, id, 'user', true)!;
  const input = mapping.input ? turnText(record, mapping.input, id, 'input', false) : undefined;
  return [...systemTurn(record, mapping, id), { role: 'user', content: input ? `${user}\n\n${input}` : user }];
}

/** One record as a chat example; `weight` is the record's curation weight. */
export function toChatExample(record: Record<string, unknown>, mapping: ExportMapping, id: string | number, weight: number): ChatExample {
  const label = mapping.label ? getPath(record, mapping.label) : undefined;
  if (mapping.messages) {
    const value = getPath(record, mapping.messages);
    if (!Array.isArray(value))
      throw new ExportError(
        `record ${String(id)}: mapping.messages '${mapping.messages}' must hold a list of { role, content } turns, got ${value === undefined ? 'nothing' : typeof value}`,
      );
    const turns: Turn[] = value.map((turn, i) => {
      const t = (turn ?? {}) as Record<string, unknown>;
      const role = ROLE_ALIASES[String(t.role ?? t.from ?? '')];
      const content = t.content ?? t.value;
      if (!role)
        throw new ExportError(
          `record ${String(id)}: ${mapping.messages}[${i}] has role ${JSON.stringify(t.role ?? t.from)}; expected system, user or assistant`,
        );
      if (typeof content !== 'string' || content.trim() === '')
        throw new ExportError(`record ${String(id)}: ${mapping.messages}[${i}] (${role}) is an empty turn; drop such records in curation`);
      return { role, content };
    });
    if (!turns.some((t) => t.role === 'assistant')) throw new ExportError(`record ${String(id)}: ${mapping.messages} has no assistant turn to train on`);
    const system = turns[0]?.role === 'system' ? [] : systemTurn(record, mapping, id);
    return { id, messages: [...system, ...turns], weight, ...(label !== undefined ? { label } : {}) };
  }
  if (!mapping.user || !mapping.assistant)
    throw new ExportError(
      'the export mapping needs user and assistant fields (mapping: { user: question, assistant: answer }) or a messages field (mapping: { messages: conversation })',
    );
  const messages = [...promptTurns(record, mapping, id), { role: 'assistant' as const, content: turnText(record, mapping.assistant, id, 'assistant', true)! }];
  return { id, messages, weight, ...(label !== undefined ? { label } : {}) };
}
