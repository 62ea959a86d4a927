/** The record-level and dedup stages through curateRecords, in memory (no models). */
import { describe, expect, it } from 'vitest';
import { curateRecords } from '../../src/curate/run-curation.js';
import { RANDOM_MODEL, tempDir } from '../support/paths.js';

describe('rule and dedup stages', () => {
  it('required, json-schema, expression and confidence stages decide and explain', async () => {
    const data = [
      { _id: 'ok', text: 'fine', triage: { urgency: 'low' }, age: 40, _logprobs: { text: { mean: -0.2 } } },
      { _id: 'no-triage', text: 'fine', age: 40 },
      { _id: 'bad-schema', text: 'fine', triage: { urgency: 'soon' }, age: 40 },
      { _id: 'young', text: 'fine', triage: { urgency: 'low' }, age: 12 },
      { _id: 'unsure', text: 'fine', triage: { urgency: 'low' }, age: 40, _logprobs: { text: { mean: -3 } } },
      { _id: 'odd-age', text: 'fine', triage: { urgency: 'low' }, age: 'forty' },
    ];
    const { records } = await curateRecords(
      data,
      {
        stages: [
          { stage: 'required', fields: ['text', 'triage.urgency'] },
          { stage: 'json-schema', field: 'triage', schema: { type: 'object', properties: { urgency: { enum: ['low', 'high'] } } } },
          { stage: 'expression', rule: 'age >= 18', reason: 'writer must be an adult' },
          { stage: 'confidence', field: '_logprobs.text.mean', min: -2, action: 'flag' },
        ],
      },
      { out: tempDir() },
    );
    const byId = Object.fromEntries(records.map((r) => [r.id, r]));
    expect(byId.ok.decision).toBe('kept');
    expect(byId['no-triage'].reasons).toEqual([{ stage: 'required', decision: 'dropped', reason: 'missing field triage.urgency' }]);
    expect(byId['no-triage'].trail).toHaveLength(1); // not shown to later stages
    expect(byId['bad-schema'].reasons[0].reason).toMatch(/^\/urgency must be equal to one of the allowed values/);
    expect(byId.young.reasons).toEqual([{ stage: 'expression', decision: 'dropped', reason: 'writer must be an adult' }]);
    expect(byId.unsure).toMatchObject({ decision: 'flagged', reasons: [{ reason: '_logprobs.text.mean below -2' }] });
    expect(byId['odd-age']).toMatchObject({ decision: 'flagged', reasons: [{ reason: 'rule could not be evaluated' }] });
  });

  it('near and semantic dedup keep one representative per cluster by policy', async () => {
    const base = 'the booking page froze twice before i could confirm my slot at the clinic near my home today';
    const data = [
      { _id: 1, text: base, quality: 2, vec: [1, 0, 0] },
      { _id: 2, text: `${base} again`, quality: 5, vec: [0.99, 0.05, 0] },
      { _id: 3, text: 'lab results arrived the same evening and saved me a trip back to the clinic for the report', quality: 3, vec: [0, 1, 0] },
    ];
    const { records, summary } = await curateRecords(
      data,
      {
        stages: [
          { stage: 'near-dedup', threshold: 0.7, keep: 'best-score', score: 'quality' },
          { stage: 'semantic-dedup', embedding_field: 'vec', threshold: 0.95, action: 'flag' },
        ],
      },
      { out: tempDir() },
    );
    expect(records.map((r) => r.decision)).toEqual(['dropped', 'kept', 'kept']);
    expect(records[0].reasons).toEqual([{ stage: 'near_dedup', decision: 'dropped', reason: 'near duplicate', detail: 'of record 2' }]);
    expect(records[1].signals.near_dedup).toEqual({ cluster_size: 2, representative: 1 });
    expect(records[2].signals.near_dedup).toEqual({ cluster_size: 1 });
    // Record 1 was dropped before semantic dedup, so 2 and 3 are no longer near each other.
    expect(summary.stages[1]).toMatchObject({ seen: 2, kept: 2, clusters: 0 });
  });

  it('semantic dedup can embed the text itself with a local embedder', async () => {
    const data = [
      { _id: 'a', text: 'the clinic booking page froze' },
      { _id: 'b', text: 'the clinic booking page froze' },
      { _id: 'c', text: 'refund for a double charge on my bill' },
    ];
    const { records } = await curateRecords(
      data,
      { stages: [{ stage: 'semantic-dedup', embed: `local:${RANDOM_MODEL}`, threshold: 0.999 }] },
      { out: tempDir() },
    );
    // Identical texts embed identically; the different one is kept.
    expect(records.map((r) => r.decision)).toEqual(['kept', 'dropped', 'kept']);
  });

  it('semantic dedup needs exactly one source of vectors', async () => {
    await expect(curateRecords([{ _id: 1, text: 'x' }], { stages: [{ stage: 'semantic-dedup' }] }, { out: tempDir() })).rejects.toThrow(
      /give either embedding_field .* or embed/,
    );
  });
});
