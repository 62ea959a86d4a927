import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { exportRun } from '../../../src/pipeline/export-run.js';
import { makeRun, qaRecords } from '../../support/export-fixtures.js';
import { readJsonl } from '../../support/run-fixtures.js';
import { tempDir } from '../../support/paths.js';

const readParquet = async (file: string) => {
  const buf = readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return { rows: await parquetReadObjects({ file: ab }), schema: parquetSchema(parquetMetadata(ab)) };
};

const mapping = { user: 'question', assistant: 'answer', label: 'category', system_prompt: 'You explain geography.' };

describe('synthkit export (library)', () => {
  it('honours curation decisions, weights and review; writes a Hugging Face folder whose card matches the files', async () => {
    const records = qaRecords(12);
    const curation: Record<string, unknown>[] = records.map((_, i) => ({ _weight: i === 1 ? 0 : 1 + (i % 2) }));
    curation[2] = { _decision: 'dropped', _reasons: [{ stage: 'length', reason: 'too short' }] };
    curation[3] = { _decision: 'flagged' };
    curation[4] = { _decision: 'flagged' };
    const run = makeRun({
      records,
      curation,
      review: [
        { runIdx: 4, action: 'edit', field: 'answer', value: 'A reviewer rewrote this answer about volcanoes.' },
        { runIdx: 4, action: 'accept' },
        { runIdx: 5, action: 'reject' },
      ],
      recipe: {
        name: 'geo-qa',
        seed: 7,
        records: 12,
        models: {
          writer: { engine: 'local', path: '/home/alice/models/secret-model.gguf' },
          remote: { engine: 'openai', model: 'gpt-4o-mini', api_key_env: 'OPENAI_API_KEY' },
        },
        columns: [{ name: 'question', kind: 'llm-text' }],
        description: 'Made on /home/alice/work with key sk-abcdefghijklmnopqrstuvwxyz123456',
      },
    });
    const manifest = await exportRun(run, { config: { formats: ['openai-chat', 'trl-conversational', 'raw'], mapping } });

    expect(manifest.records).toBe(12);
    expect(manifest.exported).toBe(9);
    expect(manifest.excluded).toEqual({ 'curation: dropped': 1, 'curation: flagged, not reviewed': 1, 'review: rejected': 1 });
    const out = join(run, 'export');
    const chat = readJsonl(join(out, 'openai-chat', 'train.jsonl'));
    expect(chat).toHaveLength(9);
    // The reviewer's edit is what gets trained on; weight 0 becomes the format's assistant weight 0.
    expect(chat.map((r) => r.messages[2].content)).toContain('A reviewer rewrote this answer about volcanoes.');
    expect(chat[1].messages[2]).toMatchObject({ role: 'assistant', weight: 0 });
    expect(chat[0].messages[2].weight).toBe(1);
    const trl = readJsonl(join(out, 'trl-conversational', 'train.jsonl'));
    // Ids 0 1 4 6 7 8 9 10 11; record 4 (flagged, then accepted) carries no curation weight, so 1.
    expect(trl.map((r) => r.weight)).toEqual([1, 0, 1, 1, 2, 1, 2, 1, 2]);

    // The card's YAML header is what the Hub reads: configs point at existing files, features match the Parquet schema.
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    const header = parse(readme.split('---\n')[1]);
    expect(header.size_categories).toEqual(['n<1K']);
    expect(header.configs.map((c: { config_name: string }) => c.config_name)).toEqual(['openai-chat', 'trl-conversational', 'raw']);
    for (const config of header.configs) for (const f of config.data_files) expect(existsSync(join(out, f.path))).toBe(true);
    const info = header.dataset_info.find((d: { config_name: string }) => d.config_name === 'trl-conversational');
    expect(info.features).toEqual([
      {
        name: 'messages',
        list: [
          { name: 'role', dtype: 'string' },
          { name: 'content', dtype: 'string' },
        ],
      },
      { name: 'weight', dtype: 'int64' },
    ]);
    expect(info.splits).toEqual([{ name: 'train', num_bytes: expect.any(Number), num_examples: 9 }]);
    const { rows, schema } = await readParquet(join(out, 'trl-conversational', 'train.parquet'));
    expect(schema.children.map((c) => c.element.name)).toEqual(['messages', 'weight']);
    expect(rows[0].messages).toEqual(trl[0].messages);
    expect(readme).toContain('Left out (curation: dropped): 1');
    expect(readme).toContain('`writer`: local, secret-model.gguf');
    // No path of this machine, no key, no temp folder left behind.
    expect(readme).not.toMatch(/\/home\/alice|sk-abcdef|OPENAI_API_KEY/);
    expect(readFileSync(join(out, 'export.json'), 'utf8')).not.toContain(run);
    expect(readdirSync(dirname(out)).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
  });

  it('is deterministic: exporting the same run twice gives the same bytes', async () => {
    const run = makeRun({ records: qaRecords(20) });
    const config = {
      formats: ['sharegpt', 'alpaca', 'chatml', 'trl-prompt-completion'],
      mapping,
      split: { ratios: { train: 0.8, test: 0.2 }, stratify_by: 'category' },
    };
    await exportRun(run, { config, out: join(run, 'a') });
    await exportRun(run, { config, out: join(run, 'b') });
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length));
    expect(files(join(run, 'a')).sort()).toEqual(files(join(run, 'b')).sort());
    for (const f of files(join(run, 'a'))) expect(readFileSync(join(run, 'a', f)).equals(readFileSync(join(run, 'b', f))), f).toBe(true);
  });

  it('splits stratified, keeps near-duplicates and shared sources in one split, and decontaminates against a benchmark', async () => {
    const records: Record<string, unknown>[] = qaRecords(40).map((r, i) => ({ ...r, source: `doc-${Math.floor(i / 4)}` }));
    // Records 0 and 1 are near-duplicates with different sources; 38 leaks a benchmark item.
    records[1] = { ...records[1], answer: `${String(records[0].answer)} Indeed.`, source: 'other' };
    records[38] = { ...records[38], answer: 'The quick brown fox jumps over the lazy dog near the old river bank at dawn.' };
    const run = makeRun({ records });
    const bench = join(tempDir(), 'bench.jsonl');
    writeFileSync(
      bench,
      `${JSON.stringify({ question: 'What does the fox do?', reference: 'the quick brown fox jumps over the lazy dog near the old river bank' })}\n`,
    );
    const manifest = await exportRun(run, {
      config: {
        formats: ['raw'],
        mapping,
        split: {
          ratios: { train: 0.5, validation: 0.25, test: 0.25 },
          stratify_by: 'category',
          group_by: ['source'],
          near_duplicates: { threshold: 0.7, field: 'answer' },
        },
        decontaminate: { benchmark: bench },
      },
    });
    expect(manifest.contaminated).toEqual([38]);
    expect(manifest.excluded).toEqual({ 'contaminated: shares an n-gram with the benchmark': 1 });
    const splitOf = new Map<number, string>();
    for (const s of ['train', 'validation', 'test']) for (const r of readJsonl(join(run, 'export', 'raw', `${s}.jsonl`))) splitOf.set(r._id, s);
    expect(splitOf.size).toBe(39);
    expect(splitOf.get(1)).toBe(splitOf.get(0));
    for (let d = 0; d < 10; d++) {
      const members = records.map((r, i) => [r.source, i] as const).filter(([s, i]) => s === `doc-${d}` && splitOf.has(i));
      expect(new Set(members.map(([, i]) => splitOf.get(i))).size, `doc-${d}`).toBe(1);
    }
    expect(manifest.split.train).toBeGreaterThan(manifest.split.test);
    expect(manifest.split.validation).toBeGreaterThan(0);
    expect(manifest.split.test).toBeGreaterThan(0);
  });

  it('builds DPO pairs from judge scores within a split', async () => {
    const records = ['p1', 'p2', 'p3'].flatMap((p) => [0, 1, 2].map((k) => ({ question: `prompt ${p}`, answer: `reply ${k} to ${p}`, category: 'x' })));
    const curation = records.map((_, i) => ({ _signals: { judge: { score: (i % 3) + 1 } } }));
    const run = makeRun({ records, curation });
    const manifest = await exportRun(run, {
      config: { formats: ['dpo', 'openai-dpo'], mapping: { user: 'question', assistant: 'answer' }, preference: { from: 'scores' } },
    });
    const pairs = readJsonl(join(run, 'export', 'dpo', 'train.jsonl'));
    expect(pairs).toEqual(
      ['p1', 'p2', 'p3'].map((p) => ({
        prompt: [{ role: 'user', content: `prompt ${p}` }],
        chosen: [{ role: 'assistant', content: `reply 2 to ${p}` }],
        rejected: [{ role: 'assistant', content: `reply 0 to ${p}` }],
        margin: 2,
      })),
    );
    expect(manifest.preferenceSkipped).toEqual({ 'not the best or worst reply to its prompt': 6 });
  });

  it('names the missing field, and leaves the previous export untouched on error', async () => {
    const run = makeRun({ records: qaRecords(3) });
    await exportRun(run, { config: { formats: ['raw'] } });
    const before = readFileSync(join(run, 'export', 'raw', 'train.jsonl'));
    await expect(exportRun(run, { config: { formats: ['openai-chat'], mapping: { user: 'question', assistant: 'reply' } } })).rejects.toThrow(
      /the mapping's assistant field 'reply' is not in the record/,
    );
    expect(readFileSync(join(run, 'export', 'raw', 'train.jsonl')).equals(before)).toBe(true);
    await expect(exportRun(run, { config: { formats: ['openai-chats'] } as never })).rejects.toThrow(/unknown format 'openai-chats'/);
  });
});

describe('weights: repeat', () => {
  it('repeats each example round(weight) times and counts the ones that round to none', async () => {
    const records = qaRecords(3);
    const run = makeRun({ records, curation: [{ _weight: 2.4 }, { _weight: 0.3 }, { _weight: 1 }] });
    const manifest = await exportRun(run, { config: { formats: ['alpaca'], mapping: { user: 'question', assistant: 'answer' }, weights: 'repeat' } });
    const rows = readJsonl(join(run, 'export', 'alpaca', 'train.jsonl'));
    expect(rows.map((r) => r.instruction)).toEqual([records[0].question, records[0].question, records[2].question]);
    expect(rows[0].weight).toBeUndefined();
    expect(manifest.excluded).toEqual({ 'weight rounds to 0 copies (weights: repeat)': 1 });
  });
});
