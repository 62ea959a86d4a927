/**
 * The generation-time injection guard's settings: the recipe's `safety:` section and a prompt
 * column's own `injection:` override. Inputs are the texts that enter a prompt from data (earlier
 * columns' values from models, documents or files, few-shot examples, retrieved passages); outputs
 * are the model's replies. Each side has an action:
 * - `off`: not screened;
 * - `flag`: the finding is kept on the record (`_safety`), which stays valid;
 * - `quarantine`: the cell is computed and kept, the record is marked invalid with the reason
 *   `injection_quarantined` (left out of valid-only exports, restorable by review);
 * - `block`: the prompt is not sent (or the reply not passed on): the cell fails with the stable
 *   reason `injection_blocked`, and the cells that read it are not computed.
 */
import { z } from 'zod';
import { DEFAULT_INJECTION_THRESHOLD } from './screen-injection.js';
import type { SafetyNote } from '../../store/run-store.js';

export const guardActionSchema = z.enum(['off', 'flag', 'quarantine', 'block']);
export type GuardAction = z.infer<typeof guardActionSchema>;

export const injectionGuardSchema = z
  .object({
    inputs: guardActionSchema.optional(),
    outputs: guardActionSchema.optional(),
    /** Heuristic score that flags a text (default 0.8, safety/injection/screen-injection.ts). */
    threshold: z.number().positive().optional(),
  })
  .strict();

export const safetySchema = z
  .object({
    /** Screens every prompt column (a column's own `injection:` overrides it). */
    injection: injectionGuardSchema.optional(),
  })
  .strict();

export type InjectionGuardConfig = z.infer<typeof injectionGuardSchema>;
export type SafetyConfig = z.infer<typeof safetySchema>;

export interface InjectionGuard {
  inputs: GuardAction;
  outputs: GuardAction;
  threshold: number;
}

/** The guard one column runs under: its own settings over the recipe's, `off` where neither says. */
export function resolveGuard(recipe: SafetyConfig | undefined, column: InjectionGuardConfig | undefined): InjectionGuard {
  const base = recipe?.injection;
  return {
    inputs: column?.inputs ?? base?.inputs ?? 'off',
    outputs: column?.outputs ?? base?.outputs ?? 'off',
    threshold: column?.threshold ?? base?.threshold ?? DEFAULT_INJECTION_THRESHOLD,
  };
}

/** One screened text that was flagged, kept on the cell (run store) and the record (`_safety`). */
export type { SafetyNote };

export const INJECTION_BLOCKED = 'injection_blocked';
export const INJECTION_QUARANTINED = 'injection_quarantined';
