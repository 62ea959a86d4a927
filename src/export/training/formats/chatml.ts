/**
 * ChatML text (the `<|im_start|>role\ncontent<|im_end|>` template of OpenAI's ChatML and of Qwen,
 * Hermes and others), one `{ text }` per line: TRL's "standard language modeling" format, for
 * trainers that take pre-templated text.
 */
import { defineChatFormat, weightOf } from '../export-format.js';

export const chatmlFormat = defineChatFormat({
  name: 'chatml',
  description: 'ChatML-templated text ({ text })',
  spec: 'https://huggingface.co/docs/transformers/main/chat_templating',
  weights: 'field',
  template: 'chatml',
  row: (example, options) => ({
    text: example.messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join(''),
    ...weightOf(example.weight, options),
  }),
});
