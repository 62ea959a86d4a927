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
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { Liquid, type Template } from 'liquidjs';

export class TemplateError extends SynthkitError {
}

const liquid = new Liquid({
  templates: {},
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  jsTruthy: true,
  // Values land in prompts as text; HTML escaping would corrupt them.
  outputEscape: undefined,
});

export interface CompiledTemplate {
  readonly source: string;
  /** Top-level names the template reads (the columns it depends on). */
  readonly references: string[];
  render(scope: Record<string, unknown>): string;
}

export function compileTemplate(source: string): CompiledTemplate {
  let parsed: Template[];
  try {
    parsed = liquid.parse(source);
  } catch (error) {
    throw new TemplateError(`template does not parse: ${(error as Error).message}`);
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
        return liquid.renderSync(parsed, scope) as string;
      } catch (error) {
        throw new TemplateError((error as Error).message);
      }
    },
  };
}
