/**
 * The browser's index loading in the background: a first answer from the first records, the
 * rest going in between other work (the event loop keeps turning), progress shown until done; a
 * source failing part way is reported on the next request; and the filters the report's chart
 * links use (number ranges, kinds of PII, boolean values).
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetIndex, datasetQuerySchema, type RecordBatches } from '../../src/studio/dataset-index.js';
import { buildCatalog } from '../../src/studio/run-catalog.js';
import { createStudioApp } from '../../src/studio/studio-app.js';
import { makeStudioRun } from '../support/studio-run.js';

const record = (i: number) => ({
  _id: i,
  topic: ['fees', 'access'][i % 2],
  score: i % 5,
  ok: i % 3 === 0,
  text: i % 4 === 0 ? `Write to person${i}@example.com about fees.` : `Record ${i} about the clinic.`,
});
async function* batches(n: number, size = 500): RecordBatches {
  for (let i = 0; i < n; i += size) yield Array.from({ length: Math.min(size, n - i) }, (_, k) => record(i + k));
}
const q = (query: Record<string, string>) => datasetQuerySchema.parse(query);

describe('dataset index', () => {
  it('answers from its first records while the rest load between other work', async () => {
    const index = await DatasetIndex.open(batches(6000), 'sig', { expected: 6000 });
    expect(index.indexing).toEqual({ loaded: index.size, expected: 6000 });
    expect(index.size).toBeGreaterThanOrEqual(500);
    expect(index.size).toBeLessThan(6000);
    const early = index.query(q({}));
    expect(early.total).toBe(index.size);
    expect(early.indexing?.expected).toBe(6000);
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    await index.ready;
    clearInterval(timer);
    expect(turns).toBeGreaterThan(2);
    expect(index.indexing).toBeUndefined();
    const done = index.query(q({ field: 'topic', value: 'access' }));
    expect(done.total).toBe(3000);
    expect(done.indexing).toBeUndefined();
    index.close();
  });

  it('filters a number range, a kind of PII and a boolean as the report counts it', async () => {
    const index = DatasetIndex.fromRecords(
      Array.from({ length: 200 }, (_, i) => record(i)),
      'sig',
    );
    expect(index.query(q({ field: 'score', op: 'between', value: '1..3' })).total).toBe(80);
    expect(index.query(q({ field: 'score', op: 'between', value: '3..' })).total).toBe(80);
    expect(index.query(q({ field: 'score', op: 'between', value: '..1' })).total).toBe(40);
    expect(() => index.query(q({ field: 'score', op: 'between', value: '1' }))).toThrow(/lo\.\.hi/);
    expect(index.query(q({ field: 'pii_type', op: 'eq', value: 'email' })).total).toBe(50);
    expect(index.query(q({ field: 'pii_type', op: 'ne', value: 'email' })).total).toBe(150);
    expect(index.query(q({ field: 'pii_type', op: 'nonempty' })).total).toBe(50);
    expect(index.query(q({ field: 'ok', op: 'eq', value: 'true' })).total).toBe(67);
    expect(index.query(q({ field: 'ok', op: 'eq', value: 'false' })).total).toBe(133);
    // A search matched once serves its next pages from the kept matches.
    expect(index.query(q({ q: 'clinic' })).total).toBe(150);
    const expected = Array.from({ length: 200 }, (_, i) => record(i))
      .filter((r) => r.text.includes('clinic'))
      .sort((a, b) => b.score - a.score || b._id - a._id)
      .slice(25, 50)
      .map((r) => r._id);
    expect(index.query(q({ q: 'clinic', sort: 'score', dir: 'desc', page: '1', size: '25' })).rows.map((r) => r.rid)).toEqual(expected);
    index.close();
  });

  it('reports a file that fails part way on the next request (then reads it again), and one failing at once on the first', async () => {
    const dir = makeStudioRun({ records: 2 });
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(record(i)));
    lines[2600] = '{not json';
    writeFileSync(join(dir, 'broken.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'early.jsonl'), `${JSON.stringify(record(0))}\n[1, 2]\n`);
    const HOST = '127.0.0.1:4480';
    const studio = createStudioApp({ runs: buildCatalog([dir]), token: 't', requireToken: false, allowedHosts: () => new Set([HOST]) });
    const get = (path: string) => studio.app.request(`http://${HOST}${path}`, { headers: { host: HOST } });
    try {
      const first = await get('/runs/r0/data?src=f0');
      expect(first.status).toBe(200);
      let failed: Response | undefined;
      for (let i = 0; i < 50 && !failed; i++) {
        const r = await get('/runs/r0/data?src=f0');
        if (r.status === 400) failed = r;
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await failed?.text()).toMatch(/could not read broken\.jsonl: .*broken\.jsonl:2601: not a JSON line/);
      expect((await get('/runs/r0/data?src=f0')).status).toBe(200);
      // A bad line among the first records fails the first request itself.
      const early = await get('/runs/r0/data?src=f1');
      expect(early.status).toBe(400);
      expect(await early.text()).toMatch(/could not read early\.jsonl: .*early\.jsonl:2: expected a JSON object per line/);
    } finally {
      studio.close();
    }
  });
});
