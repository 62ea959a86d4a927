/**
 * ShareGPT (as read by Axolotl's `type: sharegpt`/`chat_template` with `field_messages:
 * conversations`, and by LLaMA-Factory): `{ conversations: [{ from: system|human|gpt, value }] }`.
 */
import { defineChatFormat, weightOf } from '../export-format.js';

const FROM = { system: 'system', user: 'human', assistant: 'gpt' } as const;

export const sharegptFormat = defineChatFormat({
  name: 'sharegpt',
  description: 'ShareGPT conversations (from: system/human/gpt, value)',
  spec: 'https://docs.axolotl.ai/docs/dataset-formats/conversation.html',
  weights: 'field',
  row: (example, options) => ({
    conversations: example.messages.map((m) => ({ from: FROM[m.role], value: m.content })),
    ...weightOf(example.weight, options),
  }),
});
