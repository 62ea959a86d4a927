/**
 * Which member of a duplicate cluster to keep. The others are marked as duplicates of it.
 *
 * - 'first': the smallest index, i.e. the earliest generated record; stable and needs nothing else.
 * - 'longest': the longest text (in Unicode code points), on the view that among near-copies the
 *   longest usually carries the most content; ties go to the smallest index.
 * - 'best-score': the highest score (e.g. a judge's); missing or non-finite scores rank below every
 *   real score; ties, including "all missing", fall back to 'longest', then to 'first'.
 */

export type RepresentativePolicy = 'first' | 'longest' | 'best-score';

export interface RepresentativeInputs {
  texts: readonly string[];
  /** Indexed like `texts`; undefined, NaN or infinite entries count as missing. */
  scores?: ReadonlyArray<number | null | undefined>;
}

export function chooseRepresentative(cluster: readonly number[], policy: RepresentativePolicy, inputs: RepresentativeInputs): number {
  if (cluster.length === 0) throw new RangeError('chooseRepresentative: the cluster is empty');
  const scoreOf = (i: number): number => {
    const s = inputs.scores?.[i];
    return typeof s === 'number' && Number.isFinite(s) ? s : Number.NEGATIVE_INFINITY;
  };
  const lengthOf = (i: number): number => {
    const text = inputs.texts[i] ?? '';
    let count = 0;
    for (const _ of text) count++; // code points, so an emoji or CJK extension counts once
    return count;
  };
  let best = cluster[0];
  for (const i of cluster) if (i < best) best = i;
  if (policy === 'first') return best;
  if (policy !== 'longest' && policy !== 'best-score') {
    throw new RangeError(`chooseRepresentative: unknown policy "${policy as string}" (first, longest, best-score)`);
  }
  const useScores = policy === 'best-score';
  let bestScore = useScores ? scoreOf(best) : 0;
  let bestLength = lengthOf(best);
  for (const i of cluster) {
    if (i === best) continue;
    const score = useScores ? scoreOf(i) : 0;
    const length = lengthOf(i);
    const better = score > bestScore || (score === bestScore && (length > bestLength || (length === bestLength && i < best)));
    if (better) {
      best = i;
      bestScore = score;
      bestLength = length;
    }
  }
  return best;
}

/**
 * The same preference as a comparator (negative when x is kept over y), for ordering a whole group:
 * the near-dedup split walks members best first. chooseRepresentative(cluster) is the first member
 * of the cluster sorted by this.
 */
export function representativeOrder(policy: RepresentativePolicy, inputs: RepresentativeInputs): (x: number, y: number) => number {
  if (policy === 'first') return (x, y) => x - y;
  const lengths = new Map<number, number>();
  const lengthOf = (i: number): number => {
    let length = lengths.get(i);
    if (length === undefined) {
      length = 0;
      for (const _ of inputs.texts[i] ?? '') length++;
      lengths.set(i, length);
    }
    return length;
  };
  const scoreOf = (i: number): number => {
    const s = inputs.scores?.[i];
    return policy === 'best-score' && typeof s === 'number' && Number.isFinite(s) ? s : Number.NEGATIVE_INFINITY;
  };
  return (x, y) => scoreOf(y) - scoreOf(x) || lengthOf(y) - lengthOf(x) || x - y;
}
