/**
 * TRL's conversational preference format (DPOTrainer, ORPOTrainer, RewardTrainer): `{ prompt,
 * chosen, rejected }` with explicit prompt, plus `margin` (RewardTrainer reads a `margin` column;
 * DPO and ORPO ignore it, and it lets a user filter pairs by how clearly one reply won).
 */
import { definePreferenceFormat } from '../export-format.js';

export const trlPreferenceFormat = definePreferenceFormat({
  name: 'dpo',
  description: 'TRL preference pairs ({ prompt, chosen, rejected, margin }) for DPO/ORPO/reward models',
  spec: 'https://huggingface.co/docs/trl/dataset_formats#preference',
  weights: 'none',
  row: (pair) => ({
    prompt: pair.prompt.map((m) => ({ role: m.role, content: m.content })),
    chosen: [{ role: 'assistant', content: pair.chosen }],
    rejected: [{ role: 'assistant', content: pair.rejected }],
    margin: pair.margin,
  }),
});
