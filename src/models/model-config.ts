/**
 * How a recipe (or a curate/evaluate config) names a model: the engine, its sampling defaults,
 * and for remote engines the endpoint, key variable, limits and retries. Keys never live here;
 * only the name of the environment variable that holds one.
 */
import { z } from 'zod';

const price = z
  .object({
    input_per_million: z.number().nonnegative(),
    output_per_million: z.number().nonnegative(),
  })
  .strict();

const modelCommon = {
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  top_p: z.number().gt(0).max(1).optional(),
  /** Calls in flight at once for this model (local: parallel sequences in one context). */
  concurrency: z.number().int().positive().optional(),
  price: price.optional(),
};

const remoteCommon = {
  ...modelCommon,
  model: z.string().min(1),
  base_url: z.string().url().optional(),
  /** Name of the environment variable holding the key; keys never live in a recipe. */
  api_key_env: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  requests_per_minute: z.number().positive().optional(),
  tokens_per_minute: z.number().positive().optional(),
  /** Per-call time limit; default DEFAULT_TIMEOUT_MS (defaults.ts). */
  timeout_ms: z.number().int().positive().optional(),
  /** Transport retries (429, 5xx, timeouts); default DEFAULT_MAX_RETRIES. Bad replies are repaired under `max_repairs` instead. */
  max_retries: z.number().int().min(0).max(20).optional(),
};

export const localModelSchema = z
  .object({
    engine: z.literal('local'),
    ...modelCommon,
    /** GGUF file. Absent: SYNTHKIT_LOCAL_MODEL, then the default model downloaded on first use. */
    path: z.string().min(1).optional(),
    threads: z.number().int().positive().optional(),
    context_size: z.number().int().min(128).optional(),
    gpu: z.boolean().optional(),
    /** LoRA adapters (GGUF) applied on top of the model; scale defaults to 1, and 0 turns an adapter off. */
    lora: z.array(z.object({ path: z.string().min(1), scale: z.number().min(-100).max(100).optional() }).strict()).optional(),
  })
  .strict();

export const openaiModelSchema = z.object({ engine: z.literal('openai'), ...remoteCommon }).strict();
export const openaiCompatibleModelSchema = z.object({ engine: z.literal('openai-compatible'), ...remoteCommon, base_url: z.string().url() }).strict();
export const anthropicModelSchema = z.object({ engine: z.literal('anthropic'), ...remoteCommon }).strict();

export const modelSchema = z.discriminatedUnion('engine', [localModelSchema, openaiModelSchema, openaiCompatibleModelSchema, anthropicModelSchema]);

export type ModelConfig = z.infer<typeof modelSchema>;
export type LocalModelConfig = z.infer<typeof localModelSchema>;
