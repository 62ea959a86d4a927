import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureQuotas } from '../../src/evaluate/metrics/fairness-quotas.js';
import { chiSquareGoodnessOfFit } from '../../src/evaluate/metrics/chi-square.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { quotasFromJoint } from '../../src/pipeline/joint-quotas.js';
import { generateWithTopUp, loadQuotaFile } from '../../src/pipeline/top-up.js';
import { writeFileSync } from 'node:fs';

/** Half the replies about group "f" are one word, so a min_words curation drops them. */
function biasedEngine() {
  let fCalls = 0;
  return createMockEngine({
    replies: (request) => {
      const prompt = JSON.stringify(request.messages);
      if (prompt.includes('group f') && fCalls++ % 2 === 0) return 'short';
      return 'a fine long complaint about the queue';
    },
  });
}

const recipe = {
  name: 'quota-test',
  records: 20,
  seed: 1,
  models: { writer: { engine: 'local' as const } },
  columns: [
    { name: 'who', kind: 'joint' as const, dimensions: { gender: { values: ['f', 'm'] } }, mode: 'stratified' as const },
    { name: 'text', kind: 'llm-text' as const, model: 'writer', prompt: 'Write as group {{ who.gender }}.' },
  ],
  curate: { stages: [{ stage: 'length', field: 'text', min_words: 3 }] },
};

describe('chiSquareGoodnessOfFit', () => {
  it('matches known values', () => {
    expect(chiSquareGoodnessOfFit([10, 10, 10], [1, 1, 1])).toEqual({ statistic: 0, df: 2, pValue: 1 });
    // chi2 = 10, df 1: p = 0.001565 (table value)
    expect(chiSquareGoodnessOfFit([30, 10], [1, 1]).pValue).toBeCloseTo(0.001565, 5);
    // chi2 = 14, df 2: p = exp(-7)
    expect(chiSquareGoodnessOfFit([50, 30, 20], [1, 1, 1]).pValue).toBeCloseTo(Math.exp(-7), 8);
  });
});

describe('measureQuotas', () => {
  it('reports target vs achieved per group and the shortfall', () => {
    const rows = [...Array(6)].map(() => ({ g: 'a', r: 'x' })).concat([...Array(2)].map(() => ({ g: 'b', r: 'x' })));
    const report = measureQuotas(rows, { columns: ['g', 'r'], target: { 'a|x': 1, 'b|x': 1 } }, 8);
    expect(report.groups).toEqual([
      { group: 'a|x', targetShare: 0.5, targetCount: 4, achieved: 6, shortfall: 0 },
      { group: 'b|x', targetShare: 0.5, targetCount: 4, achieved: 2, shortfall: 2 },
    ]);
    expect(report.met).toBe(false);
    expect(() => measureQuotas(rows, { columns: [] })).toThrow(/name at least one group column/);
  });
});

describe('generateWithTopUp', () => {
  it('regenerates records until curation drops no longer leave a group short', async () => {
    const out = mkdtempSync(join(tmpdir(), 'top-up-'));
    const quotas = { columns: ['who.gender'], target: { f: 0.5, m: 0.5 } };
    const result = await generateWithTopUp(recipe, { out, engines: { writer: biasedEngine() }, cache: false }, { quotas, maxExtra: 40 });
    const short = (r: typeof result.before) => r.groups.find((g) => g.group === 'f')!.shortfall;
    expect(short(result.before)).toBeGreaterThan(0);
    expect(result.after.met).toBe(true);
    expect(result.stopped).toBe('met');
    expect(result.rounds.length).toBeGreaterThan(0);
    expect(result.pipeline.records).toBeGreaterThan(20);
    expect(JSON.parse(readFileSync(result.file, 'utf8')).after.met).toBe(true);
  });

  it('stops at the cap and says so', async () => {
    const out = mkdtempSync(join(tmpdir(), 'top-up-'));
    const quotas = { columns: ['who.gender'], target: { f: 0.5, m: 0.5 } };
    const result = await generateWithTopUp(recipe, { out, engines: { writer: biasedEngine() }, cache: false }, { quotas, maxExtra: 2 });
    expect(result.stopped).toBe('cap');
    expect(result.after.met).toBe(false);
    expect(result.pipeline.records).toBe(22);
  });
});

describe('quotas from the recipe', () => {
  it('takes a joint column: stratified gives equal shares over the whole cross product', () => {
    const r = {
      ...recipe,
      columns: [
        { name: 'who', kind: 'joint', dimensions: { gender: { values: ['f', 'm'] }, age: { values: ['young', 'old'], weights: [3, 1] } }, mode: 'independent' },
      ],
    };
    const independent = quotasFromJoint(r as never, 'who');
    expect(independent.columns).toEqual(['who.gender', 'who.age']);
    expect(independent.target).toEqual({ 'f|young': 0.375, 'f|old': 0.125, 'm|young': 0.375, 'm|old': 0.125 });
    const stratified = quotasFromJoint({ ...r, columns: [{ ...r.columns[0], mode: 'stratified' }] } as never, 'who');
    expect(Object.values(stratified.target!)).toEqual([1, 1, 1, 1]);
    expect(() => quotasFromJoint(r as never, 'text')).toThrow(/'text' is not a joint column of the recipe; joint columns: who/);
  });

  it('reads a quotas file and says what is wrong with a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotas-'));
    const file = join(dir, 'quotas.yaml');
    writeFileSync(file, 'joint: who\nmax_extra: 10\n');
    expect(loadQuotaFile(file)).toEqual({ quotas: { joint: 'who' }, maxExtra: 10, maxRounds: undefined });
    writeFileSync(file, 'columns: [who.gender]\ntarget: { f: 2, m: 1 }\n');
    expect(loadQuotaFile(file).quotas).toEqual({ columns: ['who.gender'], target: { f: 2, m: 1 } });
    writeFileSync(file, 'max_extra: 3\n');
    expect(() => loadQuotaFile(file)).toThrow(/give either joint .* or columns/);
    writeFileSync(file, 'columns: [who.gender]\nmax_extra: -1\n');
    expect(() => loadQuotaFile(file)).toThrow(/max_extra/);
  });

  it('tops up to the joint column’s own balance', async () => {
    const out = mkdtempSync(join(tmpdir(), 'top-up-'));
    const result = await generateWithTopUp(recipe, { out, engines: { writer: biasedEngine() }, cache: false }, { quotas: { joint: 'who' }, maxExtra: 40 });
    expect(result.after.met).toBe(true);
    expect(result.after.groups.map((g) => g.group)).toEqual(['f', 'm']);
  });
});
