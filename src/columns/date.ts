/** A date column: a day (or instant) between start and end. */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { sampleDate } from '../samplers/date.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date such as 2024-01-31');

export const dateKind = defineColumnKind({
  schema: columnSchema('date', { start: isoDate, end: isoDate, format: z.enum(['iso-date', 'iso-datetime']).optional() }),
  plan(column, ctx) {
    if (Number.isNaN(Date.parse(column.start))) ctx.issue(['start'], `'${column.start}' is not a valid date`);
    else if (Number.isNaN(Date.parse(column.end))) ctx.issue(['end'], `'${column.end}' is not a valid date`);
    else if (Date.parse(column.start) > Date.parse(column.end)) ctx.issue(['end'], 'end must not be before start');
  },
  sample: ({ column }, { rng }) => ({ value: sampleDate(column, rng) }),
});
