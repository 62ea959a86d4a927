import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { directCaller } from '../../src/models/direct-caller.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { relabelRun } from '../../src/review/relabel.js';
import { learnFromReviews } from '../../src/review/active-learning.js';
import { ReviewStore } from '../../src/review/review-store.js';
import { writeReviewedFiles } from '../../src/review/write-reviewed.js';
import { makeStudioRun } from '../support/studio-run.js';

describe('relabel and active learning', () => {
  it('stores an auxiliary label and confidence per record, and the budget picks disagreements and unsure ones first', async () => {
    const dir = makeStudioRun({ records: 30 });
    // The auxiliary model reads the text: it disagrees on every fifth record and is unsure on every seventh.
    const aux = createMockEngine({
      replies: (request) => {
        const text = String(request.messages.at(-1)?.content);
        const n = Number(/Complaint (\d+)/.exec(text)?.[1]);
        const truth = /billing/.test(text) ? 'billing' : /access/.test(text) ? 'access' : 'waiting';
        const label = n % 5 === 0 ? (truth === 'billing' ? 'access' : 'billing') : truth;
        return JSON.stringify({ label, confidence: n % 7 === 0 ? 0.4 : 0.95 });
      },
    });
    const report = await relabelRun(dir, { column: 'label', model: 'aux', caller: directCaller({ aux }), reviewBudget: 5 });
    expect(report).toMatchObject({ records: 30, labelled: 30, failed: 0, disagreements: 6, lowConfidence: 5 });
    expect(report.picks).toHaveLength(5);
    // Record 5 disagrees and failed validation; record 0 disagrees and is unsure: both are picked.
    expect(report.picks[0].runIdx).toBe(5);
    expect(report.picks.map((p) => p.runIdx)).toContain(0);
    for (const p of report.picks) expect(p.reasons.join(' ')).toMatch(/aux_disagrees|aux_unsure/);
    // The prompt fences the record as data and offers only the known labels.
    expect(aux.requests[0].messages[0].content).toMatch(/access, billing, waiting/);
    expect(String(aux.requests[0].messages.at(-1)?.content)).toMatch(/^<record>/);
  });

  it('refuses a label column with fewer than two values, naming it', async () => {
    const dir = makeStudioRun({ records: 3 });
    const caller = directCaller(createMockEngine({ replies: [] }));
    await expect(relabelRun(dir, { column: 'missing', model: 'm', caller })).rejects.toThrow(/--column missing: found 0 distinct label/);
  });

  it('trains a classifier on reviewed labels, reports held-out accuracy and how many labels it changes', async () => {
    const dir = makeStudioRun({ records: 60 });
    const store = new ReviewStore(dir);
    // People review 20 records: they relabel the "waiting" ones that talk about billing... here, they confirm the truth.
    for (let i = 0; i < 20; i++) store.decide({ runIdx: i, action: 'accept', reviewer: 'alice', baseVersion: 0 });
    // One record's label was wrong: a person fixes it (the text is about billing).
    store.decide({ runIdx: 20, action: 'label', field: 'label', value: 'billing', reviewer: 'alice', baseVersion: 0 });
    store.close();
    const report = await learnFromReviews(dir, { column: 'label', fields: ['text'] });
    expect(report).toMatchObject({ reviewed: 21, heldOut: 4, trainedOn: 17, relabelled: 39 });
    expect(report.heldOutAccuracy).toBe(1);
    // The texts name their topic, so the classifier agrees with every unreviewed label.
    expect(report.changed).toBe(0);
    await expect(learnFromReviews(makeStudioRun({ records: 3 }), { column: 'label' })).rejects.toThrow(/review at least two/);
  });

  it('writes reviewed files where every decision shows, and rejected records stay in all.jsonl', async () => {
    const dir = makeStudioRun({ records: 6 });
    const store = new ReviewStore(dir);
    store.decide({ runIdx: 1, action: 'reject', reviewer: 'alice', baseVersion: 0, reason: 'rude' });
    store.decide({ runIdx: 2, action: 'edit', field: 'text', value: 'Edited.', reviewer: 'bob', baseVersion: 0 });
    store.decide({ runIdx: 3, action: 'accept', reviewer: 'bob', baseVersion: 0 });
    store.undo('bob', 3);
    store.close();
    const files = await writeReviewedFiles(dir);
    expect(files).toMatchObject({ records: 6, reviewedRecords: 2, rejected: 1 });
    const read = (f: string) =>
      readFileSync(join(dir, 'reviewed', f), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const all = read('all.jsonl');
    expect(all[1]._review).toMatchObject({ status: 'rejected', reason: 'rude', reviewers: ['alice'] });
    expect(all[2]).toMatchObject({ text: 'Edited.', _review: { status: 'unreviewed', edited: true } });
    expect(all[3]._review).toBeUndefined();
    expect(read('reviewed.jsonl').map((r: { _id: number }) => r._id)).toEqual([0, 2, 3, 4, 5]);
  });
});
