/** TRL's conversational language-modeling format (SFTTrainer): `{ messages: [{ role, content }] }`. */
import { defineChatFormat, weightOf } from '../export-format.js';

export const trlConversationalFormat = defineChatFormat({
  name: 'trl-conversational',
  description: "TRL conversational ({ messages }), for SFTTrainer with the model's chat template",
  spec: 'https://huggingface.co/docs/trl/dataset_formats#conversational',
  weights: 'field',
  row: (example, options) => ({ messages: example.messages.map((m) => ({ role: m.role, content: m.content })), ...weightOf(example.weight, options) }),
});
