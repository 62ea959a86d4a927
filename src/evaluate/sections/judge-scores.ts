/**
 * The distribution of a judge score the records already carry (by default the curate judge's,
 * `_signals.judge.score`): summary and histogram. Set with `judge_score_field` in evaluate.yaml.
 * metrics.json: `judge` (null when no record has a numeric score); report: Judge scores.
 */
import { getPath } from '../../core/field-path.js';
import { histogram, summarize, type Histogram, type Summary } from '../../core/quantiles.js';
import { fieldPath } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import { card, formatNumber as num, html, type Html } from '../report/html.js';
import type { ReportLinks } from '../report/report-links.js';
import { histogramSvg } from '../report/svg-charts.js';

export const JUDGE_SCORE_DEFAULTS = {
  /** Where curation writes its `judge` stage's score (a stage named otherwise: `_signals.<name>.score`). */
  field: '_signals.judge.score',
} as const;

export interface JudgeScores {
  field: string;
  scores: Summary;
  histogram: Histogram;
}

export interface JudgeScoreEntries {
  judge: JudgeScores | null;
}

/** The judge score field a config names (another section's default may read it: the bias audit). */
export function judgeScoreFieldOf(settings: Readonly<Record<string, unknown>>): string {
  return typeof settings.judge_score_field === 'string' ? settings.judge_score_field : JUDGE_SCORE_DEFAULTS.field;
}

export const judgeScoresMetric = defineMetric({
  name: 'judge scores',
  config: {
    /** Field holding the judge score for the score histogram; default `_signals.judge.score`. */
    judge_score_field: fieldPath.optional(),
  },
  start(config) {
    const field = config.judge_score_field ?? JUDGE_SCORE_DEFAULTS.field;
    const scores: number[] = [];
    return {
      add(record) {
        const score = getPath(record, field);
        if (typeof score === 'number' && Number.isFinite(score)) scores.push(score);
      },
      finish: (): JudgeScoreEntries => ({ judge: scores.length === 0 ? null : judgeHistogram(field, scores) }),
    };
  },
  report: {
    cards: (m) => (m.judge ? [card('mean judge score', num(m.judge.scores.mean))] : []),
    sections: (m, links) => [judgeSection(m, links)],
  },
});

function judgeHistogram(field: string, scores: number[]): JudgeScores {
  const summary = summarize(scores);
  // One bin per integer score when scores are on a small integer scale (1-5, 1-10).
  const integer = scores.every(Number.isInteger) && summary.max - summary.min <= 20;
  const min = integer ? summary.min - 0.5 : summary.min;
  const max = integer ? summary.max + 0.5 : summary.max > summary.min ? summary.max : summary.min + 1;
  return { field, scores: summary, histogram: histogram(scores, integer ? summary.max - summary.min + 1 : 20, min, max) };
}

function judgeSection(m: CoreMetrics & JudgeScoreEntries, links?: ReportLinks): Html {
  if (!m.judge) return html``;
  const j = m.judge;
  const { edges, counts } = j.histogram;
  // Inside the studio a bin opens its records (the last bin includes its upper edge).
  const binHref = links
    ? (i: number) => links.records({ kind: 'range', field: j.field, min: edges[i], max: i === counts.length - 1 ? undefined : edges[i + 1] })
    : undefined;
  return html`<section id="judge"><h2>Judge scores</h2><p class="note"><code>${j.field}</code>: ${num(j.scores.count)} scores, mean ${num(j.scores.mean)}, median ${num(j.scores.p50)}.</p>
<div class="chart-box">${histogramSvg(j.histogram, { title: 'judge scores', xLabel: 'score', binHref })}</div></section>`;
}
