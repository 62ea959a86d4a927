/**
 * Chain-of-thought prompt text. Asking a model to reason before answering improves many tasks
 * (Wei et al., "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models", 2022;
 * Kojima et al., "Large Language Models are Zero-Shot Reasoners", 2022), but the reasoning must
 * not leak into the dataset column: src/models/reasoning-reply.ts separates it from the answer.
 */

/**
 * Appended to a prompt when a column asks for chain-of-thought from a model that does not reason
 * natively. The tags and the "Answer:" label are what `splitReasoning` parses.
 */
export const COT_INSTRUCTION =
  'Think step by step before you answer. Write your reasoning inside <reasoning>...</reasoning> tags. ' +
  'Then, on a new line, write "Answer:" followed by your final answer only. ' +
  'Only the text after "Answer:" is kept, so it must be complete on its own and must not refer to the reasoning.';
