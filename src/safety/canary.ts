import { createRng } from '../core/rng.js';

/**
 * Canaries (Carlini et al. 2019, "The Secret Sharer: Evaluating and Testing Unintended
 * Memorization in Neural Networks"): unique strings planted in private data (seed rows, documents,
 * fine-tuning sets); if one shows up in generated output, that data leaked.
 *
 * Form: "canary-7f3a-quartz-lumen": 16 random bits in hex and two words from lists of 64, about
 * 2^28 combinations, drawn with the project's seeded Rng (same seed, same canaries). The words
 * make them easy to spot in a report; none is a common English collocation, so a match is not
 * chance. Unique within one call.
 */
const FIRST_WORDS =
  'amber basalt cobalt dune ember fjord garnet harbor indigo jasper kelp lichen magma nectar onyx pumice quartz russet sable tundra umber vellum willow xenon yarrow zephyr alder birch cedar delta egret falcon gale heron iris juniper kestrel lotus marble nimbus opal pylon quill raven sierra thistle ultra vapor wren yucca zinc agate bramble cinder drift flint glacier hazel ivory jade krill lagoon mica'.split(
    ' ',
  );
const SECOND_WORDS =
  'lumen orbit prism vector quasar helix photon cipher nexus pulse vertex zenith axiom beacon cascade dynamo echo fractal glyph horizon ion kernel lattice matrix nebula octave parallax quantum radiant spiral tensor umbra vortex wavelet xylem yonder zodiac anvil bolt crest dial ember fathom gimbal hinge ingot jetty keystone lever mantle notch oculus piston quarry ratchet sprocket tether uplink valve winch yoke zipper'.split(
    ' ',
  );

export function makeCanaries(count: number, seed: number | string): string[] {
  const combinations = 0x10000 * FIRST_WORDS.length * SECOND_WORDS.length;
  if (!Number.isInteger(count) || count < 0 || count > combinations / 2) {
    throw new RangeError(`makeCanaries: count must be an integer from 0 to ${combinations / 2}, got ${count}`);
  }
  const rng = createRng(seed).fork('canaries');
  const canaries = new Set<string>();
  while (canaries.size < count) {
    const hex = rng.int(0, 0xffff).toString(16).padStart(4, '0');
    canaries.add(`canary-${hex}-${rng.pick(FIRST_WORDS)}-${rng.pick(SECOND_WORDS)}`);
  }
  return [...canaries];
}

export interface CanaryHit {
  canary: string;
  /** Texts containing the canary exactly. */
  exact: number[];
  /** Texts containing it once case, spaces and punctuation are ignored ("Canary 7F3A quartz lumen"). */
  loose: number[];
}

/**
 * Which canaries appear in which texts (indices), for the canaries found at least once.
 * Loose matching compares lowercase letters and digits only, so a model that reformats the
 * canary is still caught. Texts are scanned once per distinct canary prefix, not once per canary.
 */
export function findCanaries(texts: Iterable<string>, canaries: readonly string[]): CanaryHit[] {
  const hits = new Map<string, { exact: Set<number>; loose: Set<number> }>();
  const exactGroups = groupByPrefix(canaries.map((c) => [c, c]));
  const looseGroups = groupByPrefix(canaries.map((c) => [looseForm(c), c]));
  const record = (canary: string, kind: 'exact' | 'loose', index: number) => {
    let hit = hits.get(canary);
    if (hit === undefined) {
      hit = { exact: new Set(), loose: new Set() };
      hits.set(canary, hit);
    }
    hit[kind].add(index);
  };
  let index = 0;
  for (const text of texts) {
    scan(text, exactGroups, (canary) => record(canary, 'exact', index));
    scan(looseForm(text), looseGroups, (canary) => record(canary, 'loose', index));
    index++;
  }
  return canaries.filter((canary) => hits.has(canary)).map((canary) => ({ canary, exact: [...hits.get(canary)!.exact], loose: [...hits.get(canary)!.loose] }));
}

const PREFIX_LENGTH = 6;

function looseForm(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Needles grouped by their first characters: one indexOf loop per group finds every candidate. */
function groupByPrefix(pairs: [needle: string, canary: string][]): Map<string, [string, string][]> {
  const groups = new Map<string, [string, string][]>();
  for (const pair of pairs) {
    if (pair[0] === '') continue;
    const prefix = pair[0].slice(0, PREFIX_LENGTH);
    const group = groups.get(prefix);
    if (group === undefined) groups.set(prefix, [pair]);
    else group.push(pair);
  }
  return groups;
}

function scan(text: string, groups: Map<string, [string, string][]>, found: (canary: string) => void): void {
  for (const [prefix, group] of groups) {
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
      for (const [needle, canary] of group) if (text.startsWith(needle, at)) found(canary);
    }
  }
}
