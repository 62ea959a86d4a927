import type { CompiledTemplate } from './template.js';
import type { ChatMessage } from '../models/types.js';

const DATA_OPEN = '<data from="';

export interface PromptParts {
  /** Said once before everything when the rendered prompt holds a value fenced as data (fence-data.ts). */
  dataPreface?: string;
  /** Retrieved passages, formatted as delimited data blocks. */
  passages?: string;
  /** Few-shot examples, formatted as delimited data blocks. */
  fewShot?: string;
  cotInstruction?: string;
}

/**
 * Renders an LLM column's system and user prompts over the record's values so far. Passages and
 * few-shot examples (already fenced as data) come before the task; a chain-of-thought
 * instruction, when asked for, comes after it.
 */
/** `templates`: the column's compiled `prompt` and optional `system` templates. */
export function buildMessages(
  templates: { prompt: CompiledTemplate; system?: CompiledTemplate },
  scope: Record<string, unknown>,
  parts: PromptParts = {},
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const system = templates.system?.render(scope);
  if (system) messages.push({ role: 'system', content: system });
  // The schema is not repeated in the prompt: every engine enforces it (grammar, JSON-schema mode,
  // forced tool), and a server that ignores it gets the schema in the repair message instead.
  const prompt = templates.prompt.render(scope);
  // Only when a fenced value was rendered: an untrusted column the template does not show, or a
  // passage block (fenced in its own tags), needs no preface about <data> blocks.
  const dataPreface = parts.dataPreface && (prompt.includes(DATA_OPEN) || system?.includes(DATA_OPEN)) ? parts.dataPreface : undefined;
  const sections = [dataPreface, parts.passages, parts.fewShot, prompt, parts.cotInstruction].filter(Boolean);
  messages.push({ role: 'user', content: sections.join('\n\n') });
  return messages;
}
