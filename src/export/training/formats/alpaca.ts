/**
 * Alpaca (Taori et al. 2023, stanford_alpaca's alpaca_data.json fields): `{ instruction, input,
 * output }`, plus `system` when there is one (Axolotl and LLaMA-Factory read it). Single-turn only:
 * a conversation with more than one exchange cannot be written without losing turns, so it is an
 * error naming the record rather than a silent truncation.
 */
import { ExportError } from '../export-error.js';
import { defineChatFormat, weightOf } from '../export-format.js';

export const alpacaFormat = defineChatFormat({
  name: 'alpaca',
  description: 'Alpaca instruction/input/output (single-turn)',
  spec: 'https://github.com/tatsu-lab/stanford_alpaca#data-release',
  weights: 'field',
  template: 'alpaca',
  row: (example, options) => {
    const system = example.messages.filter((m) => m.role === 'system');
    const rest = example.messages.filter((m) => m.role !== 'system');
    if (rest.length !== 2 || rest[0].role !== 'user' || rest[1].role !== 'assistant')
      throw new ExportError(
        `record ${String(example.id)}: alpaca holds one user turn and one reply, this record has ${rest.length} turns; use sharegpt, openai-chat or trl-conversational for conversations`,
      );
    return {
      instruction: rest[0].content,
      input: '',
      output: rest[1].content,
      ...(system.length ? { system: system.map((m) => m.content).join('\n') } : {}),
      ...weightOf(example.weight, options),
    };
  },
});
