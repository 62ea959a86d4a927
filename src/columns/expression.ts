/** An expression column: a template over the record's columns, its text converted to a type. */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { ColumnError } from './column-error.js';

export const expressionKind = defineColumnKind({
  schema: columnSchema('expression', {
    template: z.string().min(1),
    /** The rendered text is converted to this type. */
    type: z.enum(['string', 'number', 'boolean', 'json']).optional(),
  }),
  plan(column, ctx) {
    ctx.template('template', column.template);
  },
  sample: ({ column, templates }, { scope }) => ({ value: convert(templates.template.render(scope), column.type ?? 'string', column.name) }),
});

function convert(text: string, type: 'string' | 'number' | 'boolean' | 'json', name: string): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'number': {
      const n = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(n)) throw new ColumnError(`expression column '${name}' rendered '${text}', which is not a number`);
      return n;
    }
    case 'boolean':
      return text.trim() === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new ColumnError(`expression column '${name}' rendered text that is not JSON: ${text.slice(0, 80)}`);
      }
  }
}
