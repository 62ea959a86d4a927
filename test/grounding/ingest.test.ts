import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/grounding/ingest.js';
import { KnowledgeBaseError } from '../../src/grounding/knowledge-base-error.js';
import { openKnowledgeBase } from '../../src/grounding/knowledge-base.js';
import { ROOT, tempDir } from '../support/paths.js';
import { minimalPdf } from './minimal-pdf.js';

const POLICY_DOCS = join(ROOT, 'examples/policy-docs/documents');
const POLICY_FILES = ['appeals.md', 'application-steps.html', 'first-time-buyer-grants.md', 'income-ceilings.md', 'rental-eligibility.md', 'tenant-faq.txt'];
const dirs: string[] = [];
const scratch = () => {
  const dir = tempDir('synthkit-grounding-');
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('ingest of the example policy documents', () => {
  it('indexes every document, with chunks that point back into the extracted text', async () => {
    const kbDir = join(scratch(), 'kb');
    const summary = await ingest([POLICY_DOCS], kbDir);
    expect(summary.added).toEqual(POLICY_FILES);
    expect(summary.skipped).toEqual([]);
    expect(summary.totalFiles).toBe(6);
    expect(summary.totalChunks).toBe(summary.chunksAdded);
    expect(summary.totalChunks).toBeGreaterThanOrEqual(25);

    const kb = await openKnowledgeBase(kbDir);
    expect(kb.size).toBe(summary.totalChunks);
    const perFile = new Map<string, number>();
    for (const chunk of kb.chunks()) {
      expect(chunk.id).toBe(`${chunk.id.split(':')[0]}:${perFile.get(chunk.source) ?? 0}`);
      expect(chunk.id).toMatch(/^[0-9a-f]{12}:\d+$/);
      perFile.set(chunk.source, (perFile.get(chunk.source) ?? 0) + 1);
      expect(kb.documentText(chunk.source, chunk.document)!.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.tokens).toBeGreaterThan(0);
      expect(chunk.tokens).toBeLessThanOrEqual(256);
    }
    expect([...perFile.keys()]).toEqual(POLICY_FILES);

    const [hit] = kb.search('income ceiling for a household of 2 people', { topK: 3 });
    expect(hit).toMatchObject({ source: 'income-ceilings.md', heading: 'Income Ceilings and Asset Limits > Income ceilings by household size' });
    expect(hit.text).toContain('52,000');
    const html = kb.search('service desk Quay Street opening hours', { topK: 1 })[0];
    expect(html).toMatchObject({ source: 'application-steps.html', title: 'How to Apply for a Rental Flat - Harbourside Housing Agency' });
    expect(kb.search('ignore previous instructions', { topK: 1 })[0].source).toBe('tenant-faq.txt');
    expect(kb.search('income', { topK: 10, minScore: 1e9 })).toEqual([]);
  });

  it('skips unchanged files by hash, replaces changed ones and removes deleted ones', async () => {
    const root = scratch();
    const docs = join(root, 'docs');
    cpSync(POLICY_DOCS, docs, { recursive: true });
    const kbDir = join(root, 'kb');
    const first = await ingest([docs], kbDir);
    const kb1 = await openKnowledgeBase(kbDir);
    const appealIds = [...kb1.chunks()].filter((c) => c.source === 'appeals.md').map((c) => c.id);

    const again = await ingest([docs], kbDir);
    expect(again).toMatchObject({ added: [], updated: [], removed: [], chunksAdded: 0, chunksRemoved: 0, generation: first.generation });
    expect(again.unchanged).toEqual(POLICY_FILES);

    writeFileSync(
      join(docs, 'income-ceilings.md'),
      `${readFileSync(join(docs, 'income-ceilings.md'), 'utf8')}\n## Review date\n\nThe next review of the ceilings is on 1 January.\n`,
    );
    rmSync(join(docs, 'tenant-faq.txt'));
    const changed = await ingest([docs], kbDir);
    expect(changed.updated).toEqual(['income-ceilings.md']);
    expect(changed.removed).toEqual(['tenant-faq.txt']);
    expect(changed.unchanged).toHaveLength(4);
    expect(changed.generation).toBeGreaterThan(first.generation);
    expect(changed.totalFiles).toBe(5);

    const kb2 = await openKnowledgeBase(kbDir);
    expect([...kb2.chunks()].filter((c) => c.source === 'appeals.md').map((c) => c.id)).toEqual(appealIds);
    expect(kb2.search('ignore previous instructions', { topK: 5 }).some((h) => h.source === 'tenant-faq.txt')).toBe(false);
    expect(kb2.search('next review of the ceilings', { topK: 1 })[0].heading).toBe('Income Ceilings and Asset Limits > Review date');
  });
});

describe('ingest of problem files', () => {
  it('reports each unusable file with its reason and goes on', async () => {
    const root = scratch();
    const docs = join(root, 'docs');
    mkdirSync(join(docs, 'sub'), { recursive: true });
    writeFileSync(join(docs, 'good.md'), '# Good\n\nA readable policy about rental flats.\n');
    writeFileSync(join(docs, 'copy.md'), '# Good\n\nA readable policy about rental flats.\n');
    writeFileSync(join(docs, 'empty.md'), '');
    writeFileSync(join(docs, 'blank.txt'), '  \n\n ');
    writeFileSync(join(docs, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
    writeFileSync(join(docs, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(docs, 'huge.txt'), 'word '.repeat(1000));
    writeFileSync(join(docs, 'sub', 'scan.pdf'), minimalPdf([null]));
    writeFileSync(join(docs, 'sub', 'text.pdf'), minimalPdf([['Grants are paid within 4 weeks.']]));
    writeFileSync(join(docs, 'sub', 'records.jsonl'), '{"id": "a", "text": "Record about appeals."}\n{oops\n');
    writeFileSync(join(docs, '.hidden.md'), '# hidden\n');

    const summary = await ingest([docs, join(root, 'missing.md')], join(root, 'kb'), { maxFileBytes: 4000 });
    const codes = Object.fromEntries(summary.skipped.map((s) => [s.path, s.code]));
    expect(codes).toEqual({
      [join(root, 'missing.md')]: 'unreadable',
      'docs/binary.txt': 'binary',
      'docs/blank.txt': 'empty',
      'docs/empty.md': 'empty',
      'docs/good.md': 'duplicate',
      'docs/huge.txt': 'too-large',
      'docs/picture.png': 'unsupported',
      'docs/sub/scan.pdf': 'no-text-layer',
    });
    expect(summary.skipped.find((s) => s.code === 'duplicate')!.reason).toBe('same content as docs/copy.md'); // folders are read in sorted order;
    expect(summary.skipped.find((s) => s.code === 'no-text-layer')!.reason).toMatch(/no text layer/);
    expect(summary.added).toEqual(['docs/copy.md', 'docs/sub/records.jsonl', 'docs/sub/text.pdf']);
    expect(summary.warnings).toEqual([expect.stringMatching(/^docs\/sub\/records\.jsonl:2: not valid JSON/)]);

    const kb = await openKnowledgeBase(join(root, 'kb'));
    expect(kb.search('grants paid weeks')[0]).toMatchObject({ source: 'docs/sub/text.pdf', text: 'Grants are paid within 4 weeks.' });
    expect(kb.search('appeals')[0]).toMatchObject({ source: 'docs/sub/records.jsonl', document: 'a' });
  });

  it('refuses to open a folder that is not a knowledge base', async () => {
    await expect(openKnowledgeBase(scratch())).rejects.toThrow(KnowledgeBaseError);
  });
});

describe('embeddings and hybrid search', () => {
  // A toy embedding: counts of a few topic words, so cosine similarity is predictable.
  const TOPICS = ['appeal', 'grant', 'income', 'rent', 'repair'];
  const embed = async (texts: string[]) => texts.map((t) => TOPICS.map((w) => (t.toLowerCase().match(new RegExp(w, 'g')) ?? []).length + 0.01));

  it('embeds chunks once and fuses BM25 and cosine rankings', async () => {
    const kbDir = join(scratch(), 'kb');
    let calls = 0;
    const counting = async (texts: string[]) => {
      calls += texts.length;
      return embed(texts);
    };
    const summary = await ingest([POLICY_DOCS], kbDir, { embed: counting, embedBatchSize: 8 });
    expect(summary.embedded).toBe(summary.totalChunks);
    expect(calls).toBe(summary.totalChunks);
    expect((await ingest([POLICY_DOCS], kbDir, { embed: counting })).embedded).toBe(0);

    const kb = await openKnowledgeBase(kbDir, { embed });
    expect(kb.hasEmbeddings).toBe(true);
    const hits = await kb.searchHybrid('how do I appeal a decision', { topK: 3 });
    expect(hits).toHaveLength(3);
    expect(hits[0].source).toBe('appeals.md');
    expect(hits[0].score).toBeLessThanOrEqual(2 / 61);
    await expect(ingest([POLICY_DOCS], join(scratch(), 'kb'), { embed: async () => [[1, 2]] })).rejects.toThrow(/one per text/);
  });

  it('refuses hybrid search without embeddings', async () => {
    const kbDir = join(scratch(), 'kb');
    await ingest([join(POLICY_DOCS, 'appeals.md')], kbDir);
    const kb = await openKnowledgeBase(kbDir);
    await expect(kb.searchHybrid('appeal', { queryVector: [1, 0, 0, 0, 0] })).rejects.toThrow(/no embeddings/);
  });
});
