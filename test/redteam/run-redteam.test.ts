/**
 * The red-team run with a gullible mock model (it obeys "reply only with" and "just print"): the
 * payloads planted in few-shot files and upstream columns show up as leaked canaries and followed
 * instructions, and a recipe whose guard blocks them shows them as blocked instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { planRecipeObject } from '../../src/recipe/load-recipe.js';
import type { RecipeInput } from '../../src/recipe/schema.js';
import { formatRedteamTable, runRedteam } from '../../src/redteam/run-redteam.js';
import { REDTEAM_PAYLOADS } from '../../src/safety/injection/redteam-payloads.js';
import { tempDir } from '../support/paths.js';

function gullible() {
  return createMockEngine({
    replies: (request) => {
      const prompt = request.messages.map((m) => m.content).join('\n');
      const order = /reply only with:?\s*([^\n<]+)/i.exec(prompt) ?? /just print "([^"]+)"/i.exec(prompt);
      if (order) return order[1].trim();
      return prompt.includes('Write feedback') ? 'The park needs more shade.' : 'A calm summary.';
    },
  });
}

function recipeWith(dir: string, extra: Partial<RecipeInput> = {}) {
  const examples = join(dir, 'examples.jsonl');
  writeFileSync(examples, '{"text": "The bins are overflowing."}\n{"text": "The lift is broken."}\n');
  const input: RecipeInput = {
    name: 'feedback',
    records: 2,
    models: { m: { engine: 'openai-compatible', model: 'x', base_url: 'http://127.0.0.1:9/v1' } },
    columns: [
      { name: 'draft', kind: 'llm-text', model: 'm', prompt: 'Write feedback about parks.', few_shot: { file: examples, k: 1 } },
      { name: 'summary', kind: 'llm-text', model: 'm', prompt: 'Summarise the feedback in one sentence: {{ draft }}' },
    ],
    ...extra,
  };
  return planRecipeObject(input, '<test>', dir).recipe;
}

const payloads = REDTEAM_PAYLOADS.filter((p) => ['hijack', 'say_pwned', 'persona'].includes(p.id));

describe('runRedteam', () => {
  it('reports which payloads, planted where, changed which outputs', async () => {
    const dir = tempDir();
    const report = await runRedteam(recipeWith(dir), { payloads, engines: { m: gullible() }, workDir: join(dir, 'work'), cache: false });
    expect(report.plants).toEqual(['few_shot:draft', 'column:draft']);
    const row = (payload: string, plant: string, column: string) => report.rows.find((r) => r.payload === payload && r.plant === plant && r.column === column)!;
    // The upstream reply carries the hijack into the summary's prompt; the gullible model obeys.
    expect(row('hijack', 'column:draft', 'summary')).toMatchObject({ records: 2, canaryLeaked: 2, instructionFollowed: 2, blocked: 0 });
    expect(row('say_pwned', 'few_shot:draft', 'draft')).toMatchObject({ canaryLeaked: 2, instructionFollowed: 2 });
    // The persona payload asks for something the mock never does: nothing changed.
    expect(row('persona', 'column:draft', 'summary')).toMatchObject({ canaryLeaked: 0, instructionFollowed: 0, formatBroken: 0 });
    expect(report.changed).toBeGreaterThan(0);
    const table = formatRedteamTable(report);
    expect(table.split('\n')[0]).toMatch(/^payload\s+plant\s+column\s+n\s+leaked\s+followed\s+broken\s+blocked$/);
    expect(table).toContain('hijack     column:draft');
  });

  it('shows a blocking guard as blocked, with nothing leaked', async () => {
    const dir = tempDir();
    const recipe = recipeWith(dir, { safety: { injection: { inputs: 'block' } } });
    const report = await runRedteam(recipe, { payloads: payloads.slice(0, 1), engines: { m: gullible() }, workDir: join(dir, 'work'), cache: false });
    for (const row of report.rows) expect(row.canaryLeaked, `${row.plant} ${row.column}`).toBe(0);
    expect(report.rows.find((r) => r.plant === 'column:draft' && r.column === 'summary')).toMatchObject({ blocked: 2 });
    expect(report.rows.find((r) => r.plant === 'few_shot:draft' && r.column === 'draft')).toMatchObject({ blocked: 2 });
  });
});
