/**
 * Default curation on the planted sets (test/support/planted-corpus.ts): it must keep >= 98% of
 * clean records and catch >= 90% of planted near-duplicates, for short and for long texts.
 * bench/curation-defaults-bench.ts reports the same figures on larger sets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCurateConfig } from '../../src/curate/default-config.js';
import { loadCurateConfigFile } from '../../src/curate/load-curate-config.js';
import { compileRegexRule } from '../../src/curate/rules/regex.js';
import { compileJsonSchemaRule } from '../../src/curate/rules/json-schema.js';
import { languageRule } from '../../src/curate/rules/language.js';
import { curateRecords } from '../../src/curate/run-curation.js';
import { plantedSet } from '../support/planted-corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'synthkit-default-curation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('default curation adapts to the texts', () => {
  for (const [kind, clean, planted] of [
    ['short', 200, 24],
    ['long', 120, 12],
  ] as const) {
    it(`${kind} texts: keeps >= 98% of clean records, catches >= 90% of planted near-duplicates`, async () => {
      const set = plantedSet(kind, { clean, planted, seed: 5 });
      const records = set.texts.map((text, i) => ({ id: `r${i}`, text }));
      const { records: out } = await curateRecords(records, defaultCurateConfig('text'), { out: join(dir, kind) });
      const kept = out.slice(0, clean).filter((r) => r.decision !== 'dropped').length;
      const caught = set.planted.filter((p) => out[p.index].decision === 'dropped').length;
      expect(kept / clean).toBeGreaterThanOrEqual(0.98);
      expect(caught / planted).toBeGreaterThanOrEqual(0.9);
      // Records are named by the file's own id, and a dropped copy names the record kept in its place.
      const copy = out[set.planted[1].index];
      expect(copy.reasons[0]).toMatchObject({ reason: 'near duplicate', detail: `of record r${set.planted[1].original}` });
    }, 30_000);
  }

  it('still drops garbage and other languages in short texts', async () => {
    const set = plantedSet('short', { clean: 60, planted: 0, seed: 8 });
    const records = [...set.texts, 'asdf qwer zxcv uiop hjkl', 'La aplicación no funciona bien desde ayer y nadie responde a mis mensajes.'].map((text, i) => ({
      id: i,
      text,
    }));
    const { records: out } = await curateRecords(records, defaultCurateConfig('text'), { out: join(dir, 'garbage') });
    expect(out.at(-2)?.decision).toBe('dropped');
    expect(out.at(-1)?.decision).toBe('dropped'); // by the English stop-word floor before the language stage
    expect(languageRule(records.at(-1)!.text, { languages: ['en'] }).result.reasons).toEqual(['language is not en']);
    expect(out.slice(0, 60).every((r) => r.decision === 'kept')).toBe(true);
  });
});

describe('rules that used to misfire', () => {
  it('language: short English with a low n-gram score passes; long English is judged by its share', () => {
    expect(languageRule('Cannot pay my bill online since Monday.', { languages: ['en'] }).result.pass).toBe(true);
    expect(languageRule('Das ist eine sehr gute App für Termine.', { languages: ['en'] }).result.pass).toBe(false);
    // An explicit threshold applies to short texts too.
    expect(languageRule('Cannot pay my bill online since Monday.', { languages: ['en'], min_confidence: 0.5 }).result.pass).toBe(false);
  });

  it("the shipped example's phone pattern catches +65 numbers written without a space", () => {
    const config = loadCurateConfigFile(join(import.meta.dirname, '../../examples/stages/curate-healthhub.yaml'));
    const stage = config.stages.find((s) => s.stage === 'regex') as { must_not_match: string[]; ignore_case: boolean };
    const rule = compileRegexRule(stage);
    for (const text of ['call me at +6591234567', 'call +65 9123 4567', 'or 9123-4567', 'ring 81234567.']) expect(rule(text).pass, text).toBe(false);
    for (const text of ['order 123456789012 arrived', 'rated 5 of 5', 'ref 65912345678']) expect(rule(text).pass, text).toBe(true);
  });

  it('json-schema: a plain string field is checked as a string, not parsed as JSON', () => {
    const rule = compileJsonSchemaRule({ type: 'string', maxLength: 20 });
    expect(rule('short and fine').pass).toBe(true);
    expect(rule('this one is far too long for the limit').reasons).toEqual(['(root) must NOT have more than 20 characters']);
    const objectRule = compileJsonSchemaRule({ type: 'object' });
    expect(objectRule('plain words').reasons).toEqual(['not valid JSON']);
  });
});
