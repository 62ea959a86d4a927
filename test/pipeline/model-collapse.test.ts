import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCollapse } from '../../examples/model-collapse/collapse-experiment.js';
import { evaluateFamily } from '../../src/evaluate/metrics/family-drift.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { mixDatasets } from '../../src/pipeline/mix-datasets.js';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { readRunLineage } from '../../src/pipeline/run-lineage.js';

const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ _id: `${prefix}${i}`, text: `${prefix} ${i}` }));

describe('mixDatasets', () => {
  it('mixes at the ratio and keeps provenance on every record', () => {
    const mixed = mixDatasets(
      { records: rows(50, 'r'), source: 'real.jsonl' },
      { records: rows(50, 's'), source: 'syn.jsonl' },
      { syntheticShare: 0.3, records: 40, model: 'gemma' },
    );
    const lineage = mixed.map((r) => r._lineage as { origin: string; generation: number; ancestors: string[]; model?: string; source: string });
    expect(mixed).toHaveLength(40);
    expect(lineage.filter((l) => l.origin === 'synthetic')).toHaveLength(12);
    const synthetic = mixed.find((r) => (r._lineage as { origin: string }).origin === 'synthetic')!;
    expect(synthetic._lineage).toEqual({ origin: 'synthetic', generation: 1, model: 'gemma', ancestors: [], source: 'syn.jsonl', source_id: synthetic._id });
    expect(lineage.filter((l) => l.origin === 'real').every((l) => l.generation === 0 && l.ancestors.length === 0)).toBe(true);
  });
  it('keeps a synthetic record’s own lineage and refuses impossible mixes', () => {
    const deep = [{ _id: 'x', text: 't', _lineage: { origin: 'synthetic', generation: 3, model: 'm', ancestors: ['a', 'b'], source: 'g2' } }];
    const [row] = mixDatasets({ records: [], source: 'r' }, { records: deep, source: 'g3.jsonl' }, { syntheticShare: 1 });
    expect(row._lineage).toMatchObject({ generation: 3, ancestors: ['a', 'b'], model: 'm', source_id: 'x' });
    expect(() => mixDatasets({ records: rows(5, 'r'), source: 'r' }, { records: rows(5, 's'), source: 's' }, { syntheticShare: 0.5, records: 20 })).toThrow(
      /needs more data/,
    );
    expect(() => mixDatasets({ records: [], source: 'r' }, { records: [], source: 's' }, { syntheticShare: 1.5 })).toThrow(/between 0 and 1/);
  });
});

describe('evaluateFamily', () => {
  it('warns when a generation loses diversity and measures drift', () => {
    const rich = Array.from({ length: 30 }, (_, i) => ({ text: `the clinic queue number ${i} was slow on day ${i * 7} and week ${i % 5}` }));
    const poor = Array.from({ length: 30 }, () => ({ text: 'the clinic queue was slow' }));
    const report = evaluateFamily([rich, rich, poor], 'text');
    expect(report.generations[1].driftFromFirst).toBe(0);
    expect(report.generations[2].driftFromFirst).toBeGreaterThan(0.1);
    expect(report.warnings.some((w) => w.startsWith('generation 2: distinct-2'))).toBe(true);
    expect(report.warnings.some((w) => w.startsWith('generation 1'))).toBe(false);
  });
});

describe('collapse experiment (examples/model-collapse)', () => {
  it('shows the Gaussian collapsing under replace but not under accumulate', () => {
    const replace = runCollapse('replace', 0);
    const accumulate = runCollapse('accumulate', 0);
    expect(replace.at(-1)!).toBeLessThan(0.6);
    expect(Math.abs(accumulate.at(-1)! - 1)).toBeLessThan(0.2);
    expect(runCollapse('replace', 0)).toEqual(replace);
  });
});

describe('run lineage', () => {
  it('writes lineage.json: generator models, generation depth and synthetic ancestors from few-shot examples', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lineage-'));
    const seeds = join(dir, 'seeds.jsonl');
    const seedRows = [
      { _id: 'g2-7', text: 'a synthetic review', _lineage: { origin: 'synthetic', generation: 2, ancestors: [], source: 'g2' } },
      { _id: 'real-1', text: 'a real review' },
    ];
    writeFileSync(seeds, seedRows.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(dir, 'run');
    await generate(
      {
        name: 'lineage',
        records: 3,
        models: { writer: { engine: 'local' } },
        columns: [{ name: 'text', kind: 'llm-text', model: 'writer', prompt: 'Write a review.', few_shot: { file: seeds, k: 2 } }],
      },
      { out, engines: { writer: createMockEngine({ replies: () => 'a new review of the app' }) }, cache: false },
    );
    const lineage = JSON.parse(readFileSync(join(out, 'lineage.json'), 'utf8'));
    expect(lineage.generation).toBe(3);
    expect(lineage.generator).toEqual([{ name: 'writer', engine: 'local' }]);
    expect(Object.values(lineage.ancestors)).toEqual([['g2-7'], ['g2-7'], ['g2-7']]);
    const stamp = readRunLineage(out)!;
    expect(stamp({ _id: 0 })).toMatchObject({ origin: 'synthetic', generation: 3, ancestors: ['g2-7'] });
  });
});
