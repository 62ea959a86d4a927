/**
 * Real and synthetic data mixed at a ratio, each record keeping where it came from, in
 * `_lineage`: origin (real or synthetic), generation depth (0 for real data; a synthetic record's
 * own depth when it carries lineage, else 1), the generator model when known, the ids of its
 * synthetic ancestors, and the file it came from. A mixed dataset used as the seed of the next
 * run is how a family grows; lineage is what lets evaluateFamily and a reader tell generations apart.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { createRng, shuffleInPlace } from '../core/rng.js';

export class MixError extends SynthkitError {}

export interface Lineage {
  origin: 'real' | 'synthetic';
  generation: number;
  model?: string;
  /** Ids of the synthetic records this one descends from (as its source said). */
  ancestors: (string | number)[];
  source: string;
  /** The record's `_id` in its source, so the next generation can name it as an ancestor. */
  source_id?: string | number;
}

export interface MixOptions {
  /** Share of synthetic records in the result, 0..1. */
  syntheticShare: number;
  /** Records in the result; default as many as the inputs allow at that share. */
  records?: number;
  seed?: number;
  /** The generator model, recorded on synthetic records that carry no lineage of their own. */
  model?: string;
}

export interface MixInput {
  records: readonly Record<string, unknown>[];
  source: string;
}

export function mixDatasets(real: MixInput, synthetic: MixInput, options: MixOptions): Record<string, unknown>[] {
  const share = options.syntheticShare;
  if (!(share >= 0 && share <= 1)) throw new MixError(`mix: the synthetic share must be between 0 and 1, got ${share}`);
  const most = Math.floor(Math.min(share < 1 ? real.records.length / (1 - share) : Infinity, share > 0 ? synthetic.records.length / share : Infinity));
  const total = options.records ?? most;
  if (total > most)
    throw new MixError(
      `mix: ${total} records at ${share} synthetic needs more data than given (at most ${most}: ${real.records.length} real, ${synthetic.records.length} synthetic)`,
    );
  const nSynthetic = Math.round(total * share);
  const rng = createRng(options.seed ?? 0);
  const pick = <T>(items: readonly T[], n: number) => shuffleInPlace([...items], rng).slice(0, n);
  const realRows = pick(real.records, total - nSynthetic).map((r) =>
    withLineage(r, {
      origin: 'real',
      generation: 0,
      ancestors: [],
      source: real.source,
      ...(r._id === undefined ? {} : { source_id: r._id as string | number }),
    }),
  );
  const synthRows = pick(synthetic.records, nSynthetic).map((r) => withLineage(r, syntheticLineage(r, synthetic.source, options.model)));
  return shuffleInPlace([...realRows, ...synthRows], rng);
}

function syntheticLineage(record: Record<string, unknown>, source: string, model: string | undefined): Lineage {
  const own = record._lineage as Partial<Lineage> | undefined;
  const id = record._id as string | number | undefined;
  return {
    origin: 'synthetic',
    generation: typeof own?.generation === 'number' && own.origin === 'synthetic' ? own.generation : 1,
    model: own?.model ?? model,
    ancestors: [...(own?.ancestors ?? [])],
    source,
    ...(id === undefined ? {} : { source_id: id }),
  };
}

function withLineage(record: Record<string, unknown>, lineage: Lineage): Record<string, unknown> {
  return { ...record, _lineage: lineage };
}
