/**
 * "Did you mean …?" for a misspelt name: the candidate nearest to `name` by edit distance
 * (optimal string alignment: insertions, deletions, substitutions and swaps of two neighbours,
 * each 1), compared without case, `-` or `_`. Only a close candidate counts: none for names of 1-2
 * characters (any one is an edit away from any other), at most 1 edit up to 4 characters, 2 up to
 * 8, 3 beyond, so a wrong word is not "corrected" into another.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const target = fold(name);
  if (target.length <= 2) return undefined;
  const limit = target.length <= 4 ? 1 : target.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(target, fold(candidate), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean 'x'?)`, or '' when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const closest = closestName(name, candidates);
  return closest === undefined ? '' : ` (did you mean '${closest}'?)`;
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/** Optimal string alignment distance; returns `cap` as soon as the result cannot be below it. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin >= cap) return cap;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], cap);
}
