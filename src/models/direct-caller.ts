/**
 * Calls engines by name with nothing in between: no cache, no call log, no usage totals. For unit
 * tests of generateStructured and for one-off library calls; a run goes through ModelRunner, which
 * adds those.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import type { ModelCaller } from './generate-structured.js';
import type { ModelEngine } from './types.js';

/** The model name has no engine. */
export class UnknownModelError extends SynthkitError {}

/** `engines` maps model names to engines; a single engine answers every model name. */
export function directCaller(engines: ModelEngine | Readonly<Record<string, ModelEngine>>): ModelCaller {
  const single = typeof (engines as ModelEngine).generate === 'function' ? (engines as ModelEngine) : undefined;
  const byName = engines as Readonly<Record<string, ModelEngine>>;
  return {
    async call(model, request) {
      const engine = single ?? (Object.hasOwn(byName, model) ? byName[model] : undefined);
      if (!engine) throw new UnknownModelError(`unknown model '${model}' (known: ${Object.keys(byName).join(', ')})`);
      return { ...(await engine.generate(request)), cached: false };
    },
  };
}
