/**
 * The evaluation config: what a user writes in evaluate.yaml (or a recipe's `evaluate:` section,
 * or a TypeScript object). Beside the settings every evaluation has (models, text columns, seed,
 * `fail_on` thresholds), each section belongs to one metric module and the schema is derived from
 * the registry (metric-registry.ts). Every section is optional and `.strict()`, so a misspelt field
 * fails up front with its path. An empty config `{}` evaluates diversity, coverage and PII of the
 * text columns found in the data.
 */
import { didYouMean } from '../core/closest-name.js';
import { z } from 'zod';
import { modelSchema } from '../models/model-config.js';
import { fieldPath, modelName } from './config-fields.js';
import { EVALUATION_METRICS, type MetricRegistry } from './metric-registry.js';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every metric's entries of evaluate.yaml, merged. */
type SectionsOf<M extends MetricRegistry> = UnionToIntersection<M[number]['config']>;

const thresholds = z.array(
  z
    .object({ metric: z.string().min(1), min: z.number().optional(), max: z.number().optional() })
    .strict()
    .refine((t) => t.min !== undefined || t.max !== undefined, { message: 'set min or max (or both)' }),
);

const CORE_KEYS = ['models', 'columns', 'seed', 'fail_on'];

/** The evaluation config schema for a list of metrics (EVALUATION_METRICS, or it with a library user's own). */
export function evaluateConfigSchemaFor<const M extends MetricRegistry>(metrics: M) {
  const claimed = new Map<string, string>(CORE_KEYS.map((key) => [key, 'evaluate']));
  for (const metric of metrics) {
    for (const key of Object.keys(metric.config)) {
      // Two owners of one key would silently drop one schema: a programming error, caught at load.
      if (claimed.has(key)) throw new Error(`evaluation metric '${metric.name}' claims config key '${key}', already taken by '${claimed.get(key)}'`);
      claimed.set(key, metric.name);
    }
  }
  const sections = Object.assign({}, ...metrics.map((m) => m.config)) as SectionsOf<M> & z.ZodRawShape;
  return z
    .object({
      models: z.record(modelName, modelSchema).default({}),
      /** Text columns to measure; default: string fields (not `_`-prefixed, not ids) averaging >= 5 words. */
      columns: z.array(fieldPath).min(1).optional(),
      seed: z.number().int().optional(),
      ...sections,
      fail_on: thresholds.optional(),
    })
    .strict()
    .superRefine((parsed, ctx) => {
      const config = parsed as { models: Record<string, unknown> };
      // Models first, then each metric's own checks: a wrong model name is the likelier mistake.
      const known = Object.keys(config.models);
      for (const metric of metrics) {
        for (const { path, model } of metric.models?.(config) ?? []) {
          if (Object.hasOwn(config.models, model)) continue;
          ctx.addIssue({
            code: 'custom',
            path,
            message: `unknown model '${model}'${didYouMean(model, known)}; ${known.length ? `defined: ${known.join(', ')}` : 'define it under models'}`,
          });
        }
      }
      for (const metric of metrics) {
        for (const issue of metric.check?.(config) ?? []) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
    });
}

export const evaluateConfigSchema = evaluateConfigSchemaFor(EVALUATION_METRICS);

export type EvaluateConfig = z.infer<typeof evaluateConfigSchema>;
export type EvaluateConfigInput = z.input<typeof evaluateConfigSchema>;
/** A config object for a list of metrics with a library user's own (the default list gives EvaluateConfigInput). */
export type EvaluateConfigInputFor<M extends MetricRegistry> = EvaluateConfigInput & z.input<z.ZodObject<SectionsOf<M> & z.ZodRawShape>>;
