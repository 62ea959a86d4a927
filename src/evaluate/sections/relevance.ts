/**
 * Relevance (`relevance:` in evaluate.yaml): train on synthetic, test on real (TSTR): a small
 * classifier trained on the data's labelled texts, tested on a labelled real file, and compared
 * with the same classifier trained on real data when a real training file is given (metrics/tstr.ts).
 * metrics.json: `relevance`; report: Relevance.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { DatasetError } from '../../store/read-dataset.js';
import { fieldPath } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import type { LabeledText } from '../metrics/classifier.js';
import { valueKey } from '../metrics/coverage.js';
import { trainOnSyntheticTestOnReal, type TstrResult } from '../metrics/tstr.js';
import { readRecordsFile } from '../read-texts-file.js';
import { card, formatNumber as num, html, table, type Html } from '../report/html.js';

export interface RelevanceMetrics {
  test_file: string;
  train_file: string | null;
  synthetic_examples: number;
  test_examples: number;
  tstr: TstrResult;
}

export interface RelevanceEntries {
  relevance: RelevanceMetrics | null;
}

export const relevanceMetric = defineMetric({
  name: 'relevance',
  config: {
    relevance: z
      .object({
        text_field: fieldPath,
        label_field: fieldPath,
        /** Labelled real test file (JSONL); `--test` overrides. */
        test_file: z.string().min(1).optional(),
        /** Labelled real training file for the real-trained baseline. */
        train_file: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  },
  start({ relevance: settings }, run) {
    const testFile = run.overrides.test ?? (settings?.test_file ? run.resolve(settings.test_file) : undefined);
    if (testFile !== undefined && settings === undefined) {
      throw new DatasetError('a real test file was given but the config has no relevance section; set relevance.text_field and relevance.label_field');
    }
    const labelled: LabeledText[] = [];
    return {
      add(record) {
        if (!settings) return;
        const example = labelledText(record, settings);
        if (example) labelled.push(example);
      },
      finish: (): RelevanceEntries => ({
        relevance:
          settings && testFile ? measureRelevance(settings, testFile, settings.train_file ? run.resolve(settings.train_file) : undefined, labelled) : null,
      }),
    };
  },
  report: {
    cards: (m) => (m.relevance ? [card('TSTR macro-F1', num(m.relevance.tstr.synthetic.macroF1))] : []),
    sections: (m) => [relevanceSection(m)],
  },
});

function labelledText(record: unknown, fields: { text_field: string; label_field: string }): LabeledText | undefined {
  const text = getPath(record, fields.text_field);
  const label = getPath(record, fields.label_field);
  return typeof text === 'string' && label !== undefined && label !== null && label !== '' ? { text, label: valueKey(label) } : undefined;
}

function measureRelevance(
  fields: { text_field: string; label_field: string },
  testFile: string,
  trainFile: string | undefined,
  synthetic: LabeledText[],
): RelevanceMetrics {
  const read = (file: string): LabeledText[] => readRecordsFile(file).flatMap((r) => labelledText(r, fields) ?? []);
  const realTest = read(testFile);
  if (realTest.length === 0) throw new DatasetError(`${testFile}: no records with ${fields.text_field} and ${fields.label_field}`);
  if (synthetic.length === 0) throw new DatasetError(`the dataset has no records with ${fields.text_field} and ${fields.label_field} to train on`);
  const realTrain = trainFile ? read(trainFile) : undefined;
  return {
    test_file: testFile,
    train_file: trainFile ?? null,
    synthetic_examples: synthetic.length,
    test_examples: realTest.length,
    tstr: trainOnSyntheticTestOnReal({ synthetic, realTest, realTrain }),
  };
}

function relevanceSection(m: CoreMetrics & RelevanceEntries): Html {
  const r = m.relevance;
  if (!r) return html``;
  const rows: unknown[][] = [['train on synthetic', num(r.synthetic_examples), num(r.tstr.synthetic.accuracy), num(r.tstr.synthetic.macroF1)]];
  if (r.tstr.real) rows.push(['train on real', '', num(r.tstr.real.accuracy), num(r.tstr.real.macroF1)]);
  if (r.tstr.ratio) rows.push(['ratio synthetic / real', '', num(r.tstr.ratio.accuracy), num(r.tstr.ratio.macroF1)]);
  return html`<section id="relevance"><h2>Relevance: train on synthetic, test on real</h2>
<p class="note">Naive Bayes (unigrams + bigrams) trained on each set, tested on ${num(r.test_examples)} records of <code>${r.test_file}</code>.</p>
${table(['model', 'training examples', 'accuracy', 'macro-F1'], rows, { numeric: [1, 2, 3] })}</section>`;
}
