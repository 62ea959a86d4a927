import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { applyReview } from '../../src/review/apply-review.js';
import { ReviewConflictError, ReviewError } from '../../src/review/review-error.js';
import { ReviewStore } from '../../src/review/review-store.js';
import { reviewerAgreement } from '../../src/review/reviewer-agreement.js';
import { buildReviewQueue } from '../../src/review/review-queue.js';
import { scoreUncertainty } from '../../src/review/uncertainty.js';

const memoryStore = () => new ReviewStore(new Database(':memory:'));

describe('ReviewStore', () => {
  it('stores decisions with versions and refuses a save based on a stale version, naming the other one', () => {
    const store = memoryStore();
    const a = store.decide({ runIdx: 4, action: 'accept', reviewer: 'alice', baseVersion: 0 });
    expect(a).toMatchObject({ runIdx: 4, action: 'accept', version: 1, undone: false, reviewer: 'alice' });
    expect(() => store.decide({ runIdx: 4, action: 'reject', reviewer: 'bob', baseVersion: 0 })).toThrow(ReviewConflictError);
    try {
      store.decide({ runIdx: 4, action: 'reject', reviewer: 'bob', baseVersion: 0 });
    } catch (error) {
      expect((error as ReviewConflictError).latest).toMatchObject({ reviewer: 'alice', action: 'accept', version: 1 });
      expect((error as Error).message).toMatch(/alice chose accept/);
    }
    const b = store.decide({ runIdx: 4, action: 'reject', reviewer: 'bob', baseVersion: 1 });
    expect(b.version).toBe(2);
    expect(store.history(4).map((d) => d.reviewer)).toEqual(['bob', 'alice']);
  });

  it('undoes the reviewer’s latest decision, moves the version on, and keeps the row', () => {
    const store = memoryStore();
    store.decide({ runIdx: 1, action: 'edit', field: 'text', value: 'fixed', reviewer: 'alice', baseVersion: 0 }, 'broken');
    store.decide({ runIdx: 2, action: 'accept', reviewer: 'alice', baseVersion: 0 });
    const undone = store.undo('alice');
    expect(undone).toMatchObject({ runIdx: 2, action: 'accept', undone: true });
    expect(store.versionOf(2)).toBe(2);
    expect(store.reviewedIndexes()).toEqual(new Set([1]));
    expect(store.history(2)).toHaveLength(1);
    expect(store.history(1)[0]).toMatchObject({ before: 'broken', value: 'fixed' });
    expect(store.undo('nobody')).toBeUndefined();
    // A save based on the version before the undo is refused too.
    expect(() => store.decide({ runIdx: 2, action: 'reject', reviewer: 'bob', baseVersion: 1 })).toThrow(ReviewConflictError);
  });

  it('rejects a malformed decision with the field to fix', () => {
    const store = memoryStore();
    expect(() => store.decide({ runIdx: 1, action: 'edit', reviewer: 'alice', baseVersion: 0 } as never)).toThrow(/field: an edit names the field/);
    expect(() => store.decide({ runIdx: 1, action: 'accept', reviewer: ' ', baseVersion: 0 })).toThrow(ReviewError);
  });

  it('applies edits, labels and the last verdict, marking the record as edited by people', () => {
    const store = memoryStore();
    store.decide({ runIdx: 0, action: 'edit', field: 'text', value: 'new text', reviewer: 'alice', baseVersion: 0 });
    store.decide({ runIdx: 0, action: 'label', field: 'meta.label', value: 'billing', reviewer: 'alice', baseVersion: 1 });
    store.decide({ runIdx: 0, action: 'reject', reviewer: 'bob', baseVersion: 2, reason: 'off topic' });
    store.decide({ runIdx: 0, action: 'accept', reviewer: 'alice', baseVersion: 3 });
    const record = { _id: 0, text: 'old', meta: { label: 'access' } };
    const after = applyReview(record, store.standing().get(0)!);
    expect(after).toMatchObject({
      text: 'new text',
      meta: { label: 'billing' },
      _review: { status: 'accepted', edited: true, reviewers: ['alice', 'bob'], version: 4, reason: 'off topic' },
    });
    expect(record.text).toBe('old');
    expect(applyReview(record, [])).toBe(record);
  });

  it('refuses a field path that reaches a prototype', () => {
    const store = memoryStore();
    store.decide({ runIdx: 0, action: 'edit', field: '__proto__.polluted', value: 1, reviewer: 'alice', baseVersion: 0 });
    expect(() => applyReview({ _id: 0 }, store.standing().get(0)!)).toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('reviewer agreement', () => {
  it("is Krippendorff's alpha over doubly reviewed records (1 when reviewers agree, lower when they do not)", () => {
    const store = memoryStore();
    const verdicts: [number, string, string][] = [
      [0, 'accept', 'accept'],
      [1, 'reject', 'reject'],
      [2, 'accept', 'accept'],
      [3, 'reject', 'reject'],
    ];
    for (const [idx, a, b] of verdicts) {
      store.decide({ runIdx: idx, action: a as 'accept', reviewer: 'alice', baseVersion: store.versionOf(idx) });
      store.decide({ runIdx: idx, action: b as 'accept', reviewer: 'bob', baseVersion: store.versionOf(idx) });
    }
    store.decide({ runIdx: 9, action: 'accept', reviewer: 'alice', baseVersion: 0 });
    const agreeing = reviewerAgreement(store.standing());
    expect(agreeing).toMatchObject({ alpha: 1, doublyReviewed: 4, reviewers: ['alice', 'bob'] });
    store.decide({ runIdx: 9, action: 'reject', reviewer: 'bob', baseVersion: 1 });
    const split = reviewerAgreement(store.standing());
    expect(split.doublyReviewed).toBe(5);
    // 10 pairable values (5 accept, 5 reject); the split unit gives o_ar = o_ra = 1:
    // alpha = 1 - (n - 1) * (o_ar + o_ra) / (n_a * n_r + n_r * n_a) = 1 - 9 * 2 / 50 = 0.64.
    expect(split.alpha).toBeCloseTo(0.64, 6);
  });
});

describe('review queue', () => {
  it('puts the records machines are least sure of first, with the reasons, and leaves out reviewed ones', () => {
    const records = [
      { _id: 0, text: 'plain and sure', _logprobs: { text: { mean: -0.01 } } },
      { _id: 1, text: 'unsure', _logprobs: { text: { mean: -1.5 } } },
      {
        _id: 2,
        text: 'judges split',
        _signals: { judge: { score: 3.1, spread: 2 } },
        _reasons: [{ stage: 'judge', reason: 'judge score below 3' }],
        _decision: 'flagged',
      },
      { _id: 3, text: 'write to bob@example.com', _aux: { label: { label: 'x', confidence: 0.4, agrees: false } } },
      { _id: 4, text: 'already reviewed', _logprobs: { text: { mean: -3 } } },
    ];
    const queue = buildReviewQueue(records, new Set([4]));
    expect(queue.map((q) => q.runIdx)).toEqual([2, 3, 1, 0]);
    expect(queue[0].reasons.join('; ')).toMatch(/judge_spread judge 2; near_threshold judge 3.1 vs 3; flagged/);
    expect(queue[1].reasons.join('; ')).toMatch(/aux_disagrees label; aux_unsure label 0.4; pii 1 spans/);
    expect(scoreUncertainty(records[0]).score).toBe(0);
  });
});
