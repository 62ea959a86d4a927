import type { Column } from '../recipe/schema.js';
import type { CompiledTemplate } from '../prompting/template.js';
import type { Rng } from '../samplers/types.js';
import { sampleCategory } from '../samplers/category.js';
import { sampleSubcategory } from '../samplers/subcategory.js';
import { sampleFloat, sampleInteger } from '../samplers/numbers.js';
import { sampleDate } from '../samplers/date.js';
import { samplePersona } from '../samplers/persona.js';

/** Computes a non-LLM column's value for one record. */
export function sampleColumn(column: Column, rng: Rng, scope: Record<string, unknown>, templates: Record<string, CompiledTemplate>): unknown {
  switch (column.kind) {
    case 'category':
      return sampleCategory(column, rng);
    case 'subcategory':
      return sampleSubcategory(column, String(scope[column.parent]), rng);
    case 'integer':
      return sampleInteger(column, rng);
    case 'float':
      return sampleFloat(column, rng);
    case 'date':
      return sampleDate(column, rng);
    case 'persona':
      return samplePersona(column, rng);
    case 'expression':
      return convert(templates.template.render(scope), column.type ?? 'string', column.name);
    default:
      throw new Error(`column '${column.name}' of kind ${column.kind} is not sampled`);
  }
}

function convert(text: string, type: 'string' | 'number' | 'boolean' | 'json', name: string): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'number': {
      const n = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(n)) throw new Error(`expression column '${name}' rendered '${text}', which is not a number`);
      return n;
    }
    case 'boolean':
      return text.trim() === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`expression column '${name}' rendered text that is not JSON: ${text.slice(0, 80)}`);
      }
  }
}
