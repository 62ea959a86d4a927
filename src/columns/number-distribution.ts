/** The distribution fields integer and float columns share, and their range check. */
import { z } from 'zod';
import type { PlanContext } from './column-kind.js';

export const distributionShape = {
  distribution: z.enum(['uniform', 'normal']).optional(),
  mean: z.number().optional(),
  std: z.number().positive().optional(),
};

export function checkRange(column: { min: number; max: number }, ctx: PlanContext): void {
  if (column.min > column.max) ctx.issue(['max'], `max (${column.max}) must be >= min (${column.min})`);
}
