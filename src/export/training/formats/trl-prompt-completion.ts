/**
 * TRL's conversational prompt-completion format: `{ prompt: [turns...], completion: [{ role:
 * assistant, content }] }`; the loss falls on the completion only (SFTTrainer's completion_only_loss).
 * The completion is the last assistant turn; earlier turns are prompt. A conversation's trailing
 * user turn has no reply to learn and is not written (conversation columns end on a reply).
 */
import { defineChatFormat, weightOf } from '../export-format.js';

export const trlPromptCompletionFormat = defineChatFormat({
  name: 'trl-prompt-completion',
  description: 'TRL conversational prompt-completion ({ prompt, completion })',
  spec: 'https://huggingface.co/docs/trl/dataset_formats#prompt-completion',
  weights: 'field',
  row: (example, options) => {
    // The last assistant turn (the mapping guarantees there is one).
    let last = example.messages.length - 1;
    while (last > 0 && example.messages[last].role !== 'assistant') last--;
    return {
      prompt: example.messages.slice(0, last).map((m) => ({ role: m.role, content: m.content })),
      completion: [{ role: 'assistant', content: example.messages[last].content }],
      ...weightOf(example.weight, options),
    };
  },
});
