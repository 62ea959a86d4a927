/**
 * An evaluation metric written the way a new built-in one would be: one module with its section
 * of evaluate.yaml, how it measures, its entry in metrics.json and its part of the report. In src/
 * it would be src/evaluate/sections/questions.ts plus one line in metric-registry.ts; here the test
 * registers it by extending EVALUATION_METRICS.
 */
import { z } from 'zod';
import { getPath } from '../../../src/core/field-path.js';
import { fieldPath } from '../../../src/evaluate/config-fields.js';
import { defineMetric } from '../../../src/evaluate/evaluation-metric.js';
import { card, formatPercent as pct, html } from '../../../src/evaluate/report/html.js';

export interface QuestionEntries {
  questions: { field: string; texts: number; questions: number; share: number } | null;
}

export const questionsMetric = defineMetric({
  name: 'questions',
  config: {
    questions: z
      .object({
        /** The text field; default the first text column. */
        field: fieldPath.optional(),
      })
      .strict()
      .optional(),
  },
  start({ questions: settings }, run) {
    const field = settings?.field ?? run.columns[0];
    let texts = 0;
    let questions = 0;
    return {
      add(record) {
        const text = field === undefined ? undefined : getPath(record, field);
        if (typeof text !== 'string') return;
        texts++;
        if (text.trim().endsWith('?')) questions++;
      },
      finish: (): QuestionEntries => ({ questions: field === undefined ? null : { field, texts, questions, share: texts ? questions / texts : Number.NaN } }),
    };
  },
  report: {
    cards: (m) => (m.questions ? [card('questions', pct(m.questions.share))] : []),
    sections: (m) =>
      m.questions
        ? [
            html`<section id="questions"><h2>Questions</h2><p class="note">${m.questions.questions} of ${m.questions.texts} texts of <code>${m.questions.field}</code> end with a question mark.</p></section>`,
          ]
        : [],
  },
});
