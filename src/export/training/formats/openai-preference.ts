/**
 * OpenAI's preference (DPO) fine-tuning JSONL: `{ input: { messages }, preferred_output:
 * [assistant], non_preferred_output: [assistant] }`. The format has no margin field; pairs below a
 * chosen margin are left out at export (`preference.min_margin`).
 */
import { definePreferenceFormat } from '../export-format.js';

export const openaiPreferenceFormat = definePreferenceFormat({
  name: 'openai-dpo',
  description: 'OpenAI preference fine-tuning JSONL (input, preferred_output, non_preferred_output)',
  spec: 'https://platform.openai.com/docs/api-reference/fine-tuning/preference-input',
  weights: 'none',
  row: (pair) => ({
    input: { messages: pair.prompt.map((m) => ({ role: m.role, content: m.content })) },
    preferred_output: [{ role: 'assistant', content: pair.chosen }],
    non_preferred_output: [{ role: 'assistant', content: pair.rejected }],
  }),
});
