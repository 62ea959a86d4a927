/**
 * OpenAI chat fine-tuning JSONL (platform.openai.com/docs/guides/supervised-fine-tuning): one
 * `{ messages: [{ role, content, weight? }] }` per line. `weight` (0 or 1) is allowed on assistant
 * messages only; it is the one per-example weight the format has, so a curation weight of 0 becomes
 * weight 0 on every assistant turn (kept as context, not trained on) and any positive weight 1.
 * Fractional weights need `weights: repeat` (the example repeated in proportion).
 */
import { defineChatFormat } from '../export-format.js';

export const openaiChatFormat = defineChatFormat({
  name: 'openai-chat',
  description: 'OpenAI chat fine-tuning JSONL (messages, per-message weight)',
  spec: 'https://platform.openai.com/docs/api-reference/fine-tuning/chat-input',
  weights: 'message',
  row: (example, options) => ({
    messages: example.messages.map((m) =>
      m.role === 'assistant' && options.weightField
        ? { role: m.role, content: m.content, weight: example.weight > 0 ? 1 : 0 }
        : { role: m.role, content: m.content },
    ),
  }),
});
