/**
 * JSON Schemas of the training formats, written from each format's published reference (cited per
 * schema), independent of the code under test: a row the code writes must validate here.
 */
const turn = (roles: string[], extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['role', 'content'],
  additionalProperties: false,
  properties: { role: { enum: roles }, content: { type: 'string', minLength: 1 }, ...extra },
});

export const FORMAT_SCHEMAS: Record<string, object> = {
  // platform.openai.com/docs/api-reference/fine-tuning/chat-input: messages with role/content; weight 0|1 on assistant messages only.
  'openai-chat': {
    type: 'object',
    required: ['messages'],
    additionalProperties: false,
    properties: {
      messages: {
        type: 'array',
        minItems: 2,
        items: {
          oneOf: [turn(['system', 'user']), turn(['assistant'], { weight: { enum: [0, 1] } })],
        },
        contains: { type: 'object', properties: { role: { const: 'assistant' } } },
      },
    },
  },
  // Axolotl conversation docs (sharegpt): conversations of { from: system|human|gpt, value }.
  sharegpt: {
    type: 'object',
    required: ['conversations'],
    properties: {
      conversations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['from', 'value'],
          additionalProperties: false,
          properties: { from: { enum: ['system', 'human', 'gpt'] }, value: { type: 'string', minLength: 1 } },
        },
      },
      weight: { type: 'number' },
    },
    additionalProperties: false,
  },
  // stanford_alpaca README: instruction, input, output (strings).
  alpaca: {
    type: 'object',
    required: ['instruction', 'input', 'output'],
    properties: {
      instruction: { type: 'string', minLength: 1 },
      input: { type: 'string' },
      output: { type: 'string', minLength: 1 },
      system: { type: 'string' },
      weight: { type: 'number' },
    },
    additionalProperties: false,
  },
  // TRL dataset formats, standard language modeling: { text }.
  chatml: {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string', pattern: '^(<\\|im_start\\|>(system|user|assistant)\\n[\\s\\S]+?<\\|im_end\\|>\\n)+$' }, weight: { type: 'number' } },
    additionalProperties: false,
  },
  // TRL conversational language modeling: { messages: [{ role, content }] }.
  'trl-conversational': {
    type: 'object',
    required: ['messages'],
    properties: { messages: { type: 'array', items: turn(['system', 'user', 'assistant']) }, weight: { type: 'number' } },
    additionalProperties: false,
  },
  // TRL conversational prompt-completion: { prompt: [turns], completion: [assistant turn] }.
  'trl-prompt-completion': {
    type: 'object',
    required: ['prompt', 'completion'],
    properties: {
      prompt: { type: 'array', minItems: 1, items: turn(['system', 'user', 'assistant']) },
      completion: { type: 'array', minItems: 1, maxItems: 1, items: turn(['assistant']) },
      weight: { type: 'number' },
    },
    additionalProperties: false,
  },
  // TRL conversational preference with explicit prompt: { prompt, chosen, rejected } (+ margin for RewardTrainer).
  dpo: {
    type: 'object',
    required: ['prompt', 'chosen', 'rejected'],
    properties: {
      prompt: { type: 'array', minItems: 1, items: turn(['system', 'user', 'assistant']) },
      chosen: { type: 'array', minItems: 1, items: turn(['assistant']) },
      rejected: { type: 'array', minItems: 1, items: turn(['assistant']) },
      margin: { type: 'number', exclusiveMinimum: 0 },
    },
    additionalProperties: false,
  },
  // platform.openai.com/docs/api-reference/fine-tuning/preference-input.
  'openai-dpo': {
    type: 'object',
    required: ['input', 'preferred_output', 'non_preferred_output'],
    properties: {
      input: {
        type: 'object',
        required: ['messages'],
        additionalProperties: false,
        properties: { messages: { type: 'array', minItems: 1, items: turn(['system', 'user', 'assistant']) } },
      },
      preferred_output: { type: 'array', minItems: 1, maxItems: 1, items: turn(['assistant']) },
      non_preferred_output: { type: 'array', minItems: 1, maxItems: 1, items: turn(['assistant']) },
    },
    additionalProperties: false,
  },
};
