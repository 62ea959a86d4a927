/**
 * Preference pairs for DPO/ORPO/reward training, from what curation recorded:
 * - `from: pairwise`: each record holds two replies (field_a, field_b) and a pairwise-judge
 *   verdict (`_signals.<stage>.preference`: 1 = a won, -1 = b won, 0 = tie). The winner is chosen,
 *   the loser rejected, the margin the vote difference. Ties make no pair.
 * - `from: scores`: several records answer the same prompt, each with a pointwise judge score
 *   (`_signals.<stage>.score`). Per prompt, the best-scored reply is chosen and the worst rejected
 *   (one pair per prompt, the clearest one), the margin their score difference; equal scores make
 *   no pair.
 * Pairs whose margin is below `min_margin` are left out. Every record that made no pair is counted
 * by reason, so the summary shows where preference data was lost.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { ExportError } from './export-error.js';
import { promptTurns, type ExportMapping } from './export-mapping.js';
import type { PreferenceExample } from './training-example.js';

const common = {
  /** The curate stage whose signals hold the verdict or score (default: the first stage that has one). */
  stage: z.string().min(1).optional(),
  /** Leave out pairs whose margin is below this (default: any positive margin). */
  min_margin: z.number().nonnegative().optional(),
};

export const preferenceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('pairwise'), field_a: z.string().min(1), field_b: z.string().min(1), ...common }).strict(),
  z.object({ from: z.literal('scores'), ...common }).strict(),
]);

export type PreferenceConfig = z.infer<typeof preferenceSchema>;

export interface PreferenceInput {
  id: string | number;
  record: Record<string, unknown>;
}

export interface PreferenceResult {
  pairs: PreferenceExample[];
  /** Records that made no pair, by reason ("tie", "no score", "margin below 1", "only reply to its prompt"). */
  skipped: Record<string, number>;
}

function signalsOf(record: Record<string, unknown>): Record<string, Record<string, number>> {
  const s = record._signals;
  return s && typeof s === 'object' ? (s as Record<string, Record<string, number>>) : {};
}

function findStage(records: PreferenceInput[], signal: string, given: string | undefined, from: string): string {
  if (given) return given;
  for (const { record } of records) {
    for (const [stage, signals] of Object.entries(signalsOf(record))) if (typeof signals?.[signal] === 'number') return stage;
  }
  throw new ExportError(
    `preference pairs from ${from} need a curate stage that records '${signal}' (${from === 'pairwise' ? 'a pairwise-judge stage' : 'a judge stage'}); no record has one. Run synthkit curate with such a stage first, or name it with preference.stage`,
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

export function buildPreferencePairs(records: PreferenceInput[], config: PreferenceConfig, mapping: ExportMapping): PreferenceResult {
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const minMargin = config.min_margin ?? 0;
  const pairs: PreferenceExample[] = [];
  if (records.length === 0) return { pairs, skipped };

  if (config.from === 'pairwise') {
    const stage = findStage(records, 'preference', config.stage, 'pairwise');
    for (const { id, record } of records) {
      const signals = signalsOf(record)[stage];
      const preference = signals?.preference;
      if (typeof preference !== 'number') {
        skip('no pairwise verdict');
        continue;
      }
      if (preference === 0) {
        skip('tie');
        continue;
      }
      const [winner, loser] = preference > 0 ? [config.field_a, config.field_b] : [config.field_b, config.field_a];
      const chosen = text(getPath(record, winner));
      const rejected = text(getPath(record, loser));
      if (!chosen.trim() || !rejected.trim())
        throw new ExportError(`record ${String(id)}: preference field '${!chosen.trim() ? winner : loser}' is empty; fix preference.field_a/field_b`);
      const margin = Math.abs((signals.votes_a ?? 0) - (signals.votes_b ?? 0)) || 1;
      if (margin < minMargin || margin === 0) {
        skip(`margin below ${minMargin}`);
        continue;
      }
      pairs.push({ id, prompt: promptTurns(record, mapping, id), chosen, rejected, margin });
    }
    return { pairs, skipped };
  }

  if (!mapping.assistant) throw new ExportError('preference pairs from scores need mapping.assistant: the field holding each reply');
  const stage = findStage(records, 'score', config.stage, 'scores');
  // Group by the full prompt (system + user), in first-seen order so the output order is stable.
  const groups = new Map<string, { id: string | number; prompt: PreferenceExample['prompt']; reply: string; score: number }[]>();
  for (const { id, record } of records) {
    const score = signalsOf(record)[stage]?.score;
    if (typeof score !== 'number') {
      skip('no score');
      continue;
    }
    const prompt = promptTurns(record, mapping, id);
    const reply = text(getPath(record, mapping.assistant));
    if (!reply.trim()) throw new ExportError(`record ${String(id)}: assistant field '${mapping.assistant}' is empty; drop such records in curation`);
    const key = JSON.stringify(prompt);
    const group = groups.get(key) ?? [];
    group.push({ id, prompt, reply, score });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.length < 2) {
      skip('only reply to its prompt');
      continue;
    }
    // Stable: the first of equal best scores wins, the last of equal worst loses.
    let best = group[0];
    let worst = group[0];
    for (const g of group) {
      if (g.score > best.score) best = g;
      if (g.score <= worst.score) worst = g;
    }
    const margin = Math.round((best.score - worst.score) * 1e6) / 1e6;
    if (margin <= 0 || margin < minMargin) {
      for (const _ of group) skip(margin <= 0 ? 'tie' : `margin below ${minMargin}`);
      continue;
    }
    pairs.push({ id: best.id, prompt: best.prompt, chosen: best.reply, rejected: worst.reply, margin });
    for (let i = 0; i < group.length - 2; i++) skip('not the best or worst reply to its prompt');
  }
  return { pairs, skipped };
}
