import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../src/curate/agreement/krippendorff-alpha.js';

const _ = null;

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers x 12
 * units, values 1..5, with missing data. Unit 12 has one value and so is not pairable; 40 pairable
 * values remain (n_1..n_5 = 9, 13, 10, 5, 3). The paper reports alpha = 0.743 (nominal),
 * 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio).
 */
const paperData = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/**
 * The 3 coders x 15 units example of the Wikipedia article "Krippendorff's alpha" (from
 * Krippendorff's own teaching material), which works the coincidence matrix by hand to
 * alpha_nominal = 0.691 and alpha_interval = 0.811.
 */
const wikipediaData = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

describe('krippendorffAlpha', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)("reproduces Krippendorff's 2011 worked example: %s alpha = %s", (level, expected) => {
    expect(krippendorffAlpha(paperData, level)).toBeCloseTo(expected, 3);
  });

  it('reproduces the Wikipedia worked example (nominal 0.691, interval 0.811)', () => {
    expect(krippendorffAlpha(wikipediaData, 'nominal')).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(wikipediaData, 'interval')).toBeCloseTo(0.811, 3);
  });

  it('is 1 for perfect agreement at every level, missing ratings notwithstanding', () => {
    const data = [
      [1, 2, 3, 4, _],
      [1, 2, _, 4, 5],
      [1, _, 3, 4, 5],
    ];
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(data, level)).toBe(1);
  });

  it('is below 0 for systematic disagreement', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 2, 1, 2],
          [2, 1, 2, 1],
        ],
        'nominal',
      ),
    ).toBeLessThan(0);
  });

  it('ignores units with a single rating and does not depend on rater order', () => {
    const withLoneRating = paperData.map((row, r) => [...row, r === 0 ? 4 : _]);
    expect(krippendorffAlpha(withLoneRating, 'interval')).toBeCloseTo(krippendorffAlpha(paperData, 'interval'), 12);
    expect(krippendorffAlpha([...paperData].reverse(), 'ordinal')).toBeCloseTo(krippendorffAlpha(paperData, 'ordinal'), 12);
  });

  it('is NaN when there is no variation or nothing pairable (alpha is undefined there)', () => {
    expect(
      krippendorffAlpha(
        [
          [3, 3, 3],
          [3, 3, 3],
        ],
        'interval',
      ),
    ).toBeNaN();
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
        ],
        'nominal',
      ),
    ).toBeNaN();
    expect(krippendorffAlpha([], 'nominal')).toBeNaN();
  });

  it('rejects negative ratio data and unknown levels', () => {
    expect(() =>
      krippendorffAlpha(
        [
          [-1, 2],
          [1, 2],
        ],
        'ratio',
      ),
    ).toThrow(/ratio data cannot be negative/);
    expect(() => krippendorffAlpha([[1]], 'cardinal' as never)).toThrow(/unknown level/);
  });
});
