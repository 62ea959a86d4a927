/**
 * Prompt and expression templates (Liquid syntax: `{{ persona.region }}`, filters, `{% if %}`).
 *
 * Liquid was chosen because it cannot run code: nunjucks executed `range.constructor(...)()` in a
 * probe here, liquidjs blocked it. On top of that we close the remaining doors ourselves:
 * - `templates: {}` gives liquidjs an empty in-memory file system, so include/render/layout
 *   cannot read a file;
 * - `ownPropertyOnly` keeps templates away from prototype members such as `constructor` (scope
 *   values are plain data: sampled values and parsed JSON);
 * - `strictVariables` makes a misspelt column name an error instead of an empty string.
 *
 * Templates are also bounded: a loop template once ran 196 s, reached 4.3 GB, ignored SIGTERM
 * (rendering is synchronous, so signal handlers never ran) and wrote a 100 MB cell. Each render
 * has a time limit, a memory limit (liquidjs counts ranges, string filters and joins) and an
 * output size limit, and each parse a source length limit; exceeding one is a TemplateError that
 * names the limit.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { Context, Liquid, toValue, toValueSync, type Emitter, type Template } from 'liquidjs';

export type TemplateLimitName = 'source length' | 'render time' | 'memory' | 'output size';

export class TemplateError extends SynthkitError {
  constructor(
    message: string,
    /** Set when the template hit one of the limits below. */
    readonly limit?: TemplateLimitName,
  ) {
    super(message);
  }
}

export interface TemplateLimits {
  /** Characters of template source. */
  maxSourceChars: number;
  /** Milliseconds per render. */
  maxRenderMs: number;
  /** liquidjs memory units per render (about one per range element or string character made). */
  maxMemory: number;
  /** Characters of rendered text. */
  maxOutputChars: number;
}

/**
 * A prompt renders in well under a millisecond and is at most a few hundred thousand characters
 * (a long-context model's whole window), so these are far above any real template and far below
 * what hurts a laptop: liquidjs's own docs call 1e8 parsed characters and 1e9 memory units
 * "typical PC" ceilings.
 */
export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = {
  maxSourceChars: 1_000_000,
  maxRenderMs: 2_000,
  maxMemory: 20_000_000,
  maxOutputChars: 2_000_000,
};

function createLiquid(bounds: TemplateLimits): Liquid {
  return new Liquid({
    templates: {},
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    jsTruthy: true,
    // Values land in prompts as text; HTML escaping would corrupt them.
    outputEscape: undefined,
    parseLimit: bounds.maxSourceChars,
    renderLimit: bounds.maxRenderMs,
    memoryLimit: bounds.maxMemory,
  });
}

// Configured once and never changed: templates share it as they share a pure function.
const defaultLiquid = createLiquid(DEFAULT_TEMPLATE_LIMITS);

export interface CompiledTemplate {
  readonly source: string;
  /** Top-level names the template reads (the columns it depends on). */
  readonly references: string[];
  render(scope: Record<string, unknown>): string;
}

export function compileTemplate(source: string, limits: Partial<TemplateLimits> = {}): CompiledTemplate {
  const bounds = { ...DEFAULT_TEMPLATE_LIMITS, ...limits };
  const liquid = Object.keys(limits).length ? createLiquid(bounds) : defaultLiquid;
  let parsed: Template[];
  try {
    parsed = liquid.parse(source);
  } catch (error) {
    throw toTemplateError(error, bounds, 'template does not parse: ');
  }
  let references: string[];
  try {
    references = [...new Set(liquid.globalVariablesSync(parsed))];
  } catch (error) {
    throw new TemplateError(`template cannot be analysed: ${(error as Error).message}`);
  }
  return {
    source,
    references,
    render(scope) {
      try {
        // A fresh context per render, so the time and memory limits count from this render.
        const context = new Context(scope, liquid.options, { sync: true }, { liquid });
        const emitter = new BoundedEmitter(bounds.maxOutputChars);
        toValueSync(liquid.renderer.renderTemplates(parsed, context, emitter));
        return emitter.buffer;
      } catch (error) {
        throw toTemplateError(error, bounds);
      }
    },
  };
}

class OutputLimitError extends Error {}

/** Collects the rendered text like liquidjs's own emitter, but stops at the output size limit. */
class BoundedEmitter implements Emitter {
  buffer = '';
  constructor(private readonly maxChars: number) {}
  write(html: unknown): void {
    this.buffer += stringify(html);
    if (this.buffer.length > this.maxChars) throw new OutputLimitError();
  }
}

/** liquidjs's own stringify (not exported): Drops by value, arrays joined, nil as empty. */
function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  return String(v);
}

function toTemplateError(error: unknown, bounds: TemplateLimits, prefix = ''): TemplateError {
  const limit = limitOf(error);
  if (!limit) return new TemplateError(`${prefix}${(error as Error).message}`);
  const detail: Record<TemplateLimitName, string> = {
    'source length': `the template is longer than ${bounds.maxSourceChars.toLocaleString('en-US')} characters`,
    'render time': `rendering took longer than ${bounds.maxRenderMs} ms`,
    memory: `rendering made more than ${bounds.maxMemory.toLocaleString('en-US')} values or characters (a loop range or string filter is too large)`,
    'output size': `the rendered text is longer than ${bounds.maxOutputChars.toLocaleString('en-US')} characters`,
  };
  return new TemplateError(`template exceeds the ${limit} limit: ${detail[limit]}; shorten its loops or split the work into columns`, limit);
}

function limitOf(error: unknown): TemplateLimitName | undefined {
  // liquidjs wraps errors thrown inside a tag (our emitter's too) in a RenderError with `originalError`.
  for (let e = error as { message?: string; originalError?: unknown } | undefined, depth = 0; e && depth < 5; e = e.originalError as typeof e, depth++) {
    if (e instanceof OutputLimitError) return 'output size';
    const message = e.message ?? '';
    if (message.includes('template render limit exceeded')) return 'render time';
    if (message.includes('memory alloc limit exceeded')) return 'memory';
    if (message.includes('parse length limit exceeded')) return 'source length';
  }
  return undefined;
}
