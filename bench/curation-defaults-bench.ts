/**
 * Default curation on planted sets: how many clean records it keeps and how many planted
 * near-duplicates it catches, on short feedback (20-60 words) and on long passages (100-400 words).
 *
 *   npx tsx bench/curation-defaults-bench.ts [clean=1000] [planted=100] [seed=1]
 *
 * The sets come from test/support/planted-corpus.ts (seeded). "Caught" means the planted copy is
 * not kept by exact-dedup or near-dedup (its original comes first, so the copy is the one dropped).
 * Ground truth for near-duplicates among the CLEAN records is computed exhaustively (exact Jaccard
 * of every pair over the shingles near-dedup chose), since the grammar can produce two clean
 * records that truly are near-duplicates; those are reported, not hidden.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseShingles } from '../src/curate/dedup/near-dedup-settings.js';
import { createShingleSketcher, exactJaccard } from '../src/curate/dedup/shingle-sketch.js';
import { defaultCurateConfig } from '../src/curate/default-config.js';
import { curateRecords } from '../src/curate/run-curation.js';
import { plantedSet } from '../test/support/planted-corpus.js';

const clean = Number(process.argv[2] ?? 1000);
const planted = Number(process.argv[3] ?? 100);
const seed = Number(process.argv[4] ?? 1);

for (const kind of ['short', 'long'] as const) {
  const set = plantedSet(kind, { clean, planted, seed });
  const out = mkdtempSync(join(tmpdir(), 'synthkit-curation-bench-'));
  try {
    const records = set.texts.map((text, i) => ({ id: i < set.clean ? `clean-${i}` : `planted-${i - set.clean}`, text }));
    const { records: curated, summary } = await curateRecords(records, defaultCurateConfig('text'), { out });
    const cleanKept = curated.slice(0, set.clean).filter((r) => r.decision !== 'dropped').length;
    const caught = set.planted.filter((p) => curated[p.index].decision === 'dropped').length;
    const shingles = chooseShingles(set.texts, {});
    const sketcher = createShingleSketcher({ unit: shingles.unit, size: shingles.size, bands: 1, rows: 1, seed: 1 });
    const sets = set.texts.map((t) => sketcher.sketch(t, new Uint32Array(2), 0));
    let cleanPairs = 0;
    for (let a = 0; a < set.clean; a++) for (let b = a + 1; b < set.clean; b++) if (exactJaccard(sets[a], sets[b]) >= 0.8) cleanPairs++;
    const plantedJ = set.planted.map((p) => exactJaccard(sets[p.index], sets[p.original])).sort((x, y) => x - y);
    const dropsOnClean = new Map<string, number>();
    for (const r of curated.slice(0, set.clean))
      if (r.decision === 'dropped')
        for (const { stage, reason } of r.reasons) dropsOnClean.set(`${stage}: ${reason}`, (dropsOnClean.get(`${stage}: ${reason}`) ?? 0) + 1);
    const line = (name: string, value: string | number) => process.stdout.write(`${kind}_${name}: ${value}\n`);
    line('records', `${set.clean} clean + ${set.planted.length} planted, median ${shingles.profile.medianWords} words`);
    line('near_dedup_shingles', `${shingles.unit} ${shingles.size}-grams (${shingles.basis})`);
    line('clean_kept', `${cleanKept}/${set.clean} = ${((100 * cleanKept) / set.clean).toFixed(1)}%`);
    line('clean_pairs_truly_jaccard_ge_0.8', cleanPairs);
    line('clean_drop_reasons', JSON.stringify(Object.fromEntries(dropsOnClean)));
    line('planted_caught', `${caught}/${set.planted.length} = ${((100 * caught) / set.planted.length).toFixed(1)}%`);
    line('planted_jaccard_min_median', `${plantedJ[0].toFixed(3)} ${plantedJ[plantedJ.length >> 1].toFixed(3)}`);
    line('kept_total', `${summary.kept} kept, ${summary.dropped} dropped, ${summary.flagged} flagged`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
