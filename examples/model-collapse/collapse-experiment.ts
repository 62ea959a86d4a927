/**
 * Model collapse in miniature, after Shumailov et al., "The Curse of Recursion: Training on
 * Generated Data Makes Models Forget" (2023), section 4.1 (the single-Gaussian case).
 *
 * The "model" is deliberately simple and honest about it: a 1-D Gaussian fitted by maximum
 * likelihood. Generation 0 is fitted on 100 real samples from N(0, 1); every later generation is
 * fitted on 100 samples drawn from the previous generation's fit. Two data policies:
 *   - replace: each generation trains only on the previous generation's samples;
 *   - accumulate: each generation trains on all data so far (real + every synthetic generation),
 *     as Gerstgrasser et al. (2024), "Is Model Collapse Inevitable?", propose.
 * Under replace the fitted standard deviation drifts towards 0 (the tails vanish first); under
 * accumulate it stays near 1. Averaged over 20 seeds; the SVG plots the mean fitted std by
 * generation for both policies.
 *
 * Run: npx tsx examples/model-collapse/collapse-experiment.ts [out.svg]
 * (default examples/model-collapse/collapse.svg). Same seeds, same figure: it is reproducible.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/core/rng.js';

const SAMPLES = 100;
const GENERATIONS = 200;
const SEEDS = 20;

function normal(rng: { next(): number }): number {
  // Box-Muller on the seeded stream.
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function fit(data: readonly number[]): { mean: number; std: number } {
  const mean = data.reduce((a, b) => a + b, 0) / data.length;
  const variance = data.reduce((a, b) => a + (b - mean) ** 2, 0) / data.length;
  return { mean, std: Math.sqrt(variance) };
}

export function runCollapse(policy: 'replace' | 'accumulate', seed: number): number[] {
  const rng = createRng(`collapse-${seed}`);
  let pool = Array.from({ length: SAMPLES }, () => normal(rng));
  let model = fit(pool);
  const stds = [model.std];
  for (let g = 1; g < GENERATIONS; g++) {
    const samples = Array.from({ length: SAMPLES }, () => model.mean + model.std * normal(rng));
    pool = policy === 'replace' ? samples : pool.concat(samples);
    model = fit(pool);
    stds.push(model.std);
  }
  return stds;
}

function meanCurve(policy: 'replace' | 'accumulate'): number[] {
  const runs = Array.from({ length: SEEDS }, (_, s) => runCollapse(policy, s));
  return runs[0].map((_, g) => runs.reduce((a, r) => a + r[g], 0) / SEEDS);
}

function svg(curves: { name: string; color: string; values: number[] }[]): string {
  const [w, h, pad] = [640, 360, 48];
  const x = (g: number) => pad + (g / (GENERATIONS - 1)) * (w - 2 * pad);
  const y = (v: number) => h - pad - (v / 1.2) * (h - 2 * pad);
  const lines = curves.map(
    (c) => `<polyline fill="none" stroke="${c.color}" stroke-width="2" points="${c.values.map((v, g) => `${x(g).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`,
  );
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2].map((v) => `<text x="${pad - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(1)}</text>`);
  const gticks = [0, 50, 100, 150, 199].map((g) => `<text x="${x(g)}" y="${h - pad + 16}" text-anchor="middle" font-size="11">${g}</text>`);
  const legend = curves.map((c, i) => `<text x="${w - pad - 150}" y="${pad + 16 * i}" fill="${c.color}" font-size="12">${c.name}: ${c.values.at(-1)!.toFixed(3)} at gen ${GENERATIONS - 1}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="20" text-anchor="middle" font-size="14">Gaussian refit on its own samples: fitted std by generation (mean of ${SEEDS} seeds, n=${SAMPLES})</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="black"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="black"/>
<line x1="${pad}" y1="${y(1)}" x2="${w - pad}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 4"/>
${ticks.join('\n')}
${gticks.join('\n')}
<text x="${w / 2}" y="${h - 10}" text-anchor="middle" font-size="12">generation</text>
${lines.join('\n')}
${legend.join('\n')}
</svg>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? join(import.meta.dirname, 'collapse.svg');
  const replace = meanCurve('replace');
  const accumulate = meanCurve('accumulate');
  writeFileSync(
    out,
    svg([
      { name: 'replace', color: '#d62728', values: replace },
      { name: 'accumulate', color: '#1f77b4', values: accumulate },
    ]),
  );
  for (const g of [0, 10, 50, 100, 199]) console.log(`generation ${g}: std replace ${replace[g].toFixed(3)}, accumulate ${accumulate[g].toFixed(3)}`);
  console.log(`wrote ${out}`);
}
