/**
 * End-to-end evaluation of small hand-made datasets: metric values pinned where they can be
 * counted by hand, PII with a valid and an invalid NRIC, thresholds, the run-directory defaults
 * (coverage targets from recipe.json), the report's escaping, and the CLI's exit code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../src/cli/evaluate-command.js';
import { EXIT } from '../../src/cli/run-command.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { EVALUATION_METRICS } from '../../src/evaluate/metric-registry.js';
import { renderReport } from '../../src/evaluate/report/render-report.js';
import type { RecordFilter } from '../../src/evaluate/report/report-links.js';
import { RANDOM_MODEL, tempDir } from '../support/paths.js';

const records = [
  { _id: 'a', feedback: 'the app is very good today', sentiment: 'positive', persona: { region: 'East' }, _signals: { judge: { score: 4 } } },
  { _id: 'b', feedback: 'the app is very slow today', sentiment: 'negative', persona: { region: 'West' }, _signals: { judge: { score: 2 } } },
  {
    _id: 'c',
    feedback: 'My NRIC is S1234567D and call me at 9123 4567 please',
    sentiment: 'negative',
    persona: { region: 'East' },
    _signals: { judge: { score: 3 } },
  },
  {
    _id: 'd',
    feedback: 'Bad id S1234567A from <script>alert(1)</script> clinic',
    sentiment: 'neutral',
    persona: { region: 'West' },
    _signals: { judge: { score: 5 } },
  },
];

function writeJsonl(file: string, rows: unknown[]): string {
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('evaluate', () => {
  it('measures a small JSONL file with values counted by hand', async () => {
    const dir = tempDir();
    const file = writeJsonl(join(dir, 'data.jsonl'), records);
    const { metrics, files } = await evaluate(file, {
      bias: { groups: ['persona.region'], signals: ['_signals.judge.score', 'share:sentiment=negative'] },
    });
    expect(metrics.records).toBe(4);
    expect(metrics.columns).toEqual(['feedback']);
    const d = metrics.diversity.feedback;
    // 32 words; distinct: 7 in the first two texts, 10 new in the third, 8 new in the fourth.
    expect(d.distinct_1).toBeCloseTo(25 / 32, 12);
    expect(d.texts).toBe(4);
    expect(d.words.mean).toBe(8);
    expect(d.duplicate_texts).toBe(0);
    expect(d.top_ngrams).toEqual(
      [
        { ngram: 'the app is', records: 2, share: 0.5 },
        { ngram: 'app is very', records: 2, share: 0.5 },
      ].sort((x, y) => (x.ngram < y.ngram ? -1 : 1)),
    );
    // A valid NRIC (check letter D) counts, the invalid S1234567A does not; the phone follows "call".
    expect(metrics.pii.by_type).toEqual({ nric: 1, phone: 1 });
    expect(metrics.pii.total).toBe(2);
    expect(metrics.pii.records_with_pii).toBe(1);
    const nric = metrics.pii.examples.find((e) => e.type === 'nric')!;
    expect(nric.context.slice(nric.start, nric.end)).toBe('S1234567D');
    // Attributes found in a plain file: sentiment and persona.region.
    expect(Object.keys(metrics.coverage.columns)).toEqual(['sentiment', 'persona.region']);
    expect(metrics.coverage.columns.sentiment.counts[0]).toEqual({ value: 'negative', count: 2, share: 0.5 });
    expect(metrics.coverage.heatmap?.columns).toEqual(['sentiment', 'persona.region']);
    expect(metrics.judge?.scores.mean).toBe(3.5);
    expect(metrics.judge?.histogram.counts).toEqual([1, 1, 1, 1]);
    // East: scores 4, 3 (mean 3.5), negative share 0.5; West: 2, 5 (3.5), 0.5.
    const east = metrics.bias!.columns[0].groups.find((g) => g.value === 'East')!;
    expect(east.means).toEqual({ '_signals.judge.score': 3.5, 'share:sentiment=negative': 0.5 });
    expect(metrics.passed).toBe(true);
    expect(files.map((f) => f.slice(dir.length))).toEqual(['/data.evaluation/metrics.json', '/data.evaluation/report.html']);
    expect(JSON.parse(readFileSync(files[0], 'utf8')).pii.total).toBe(2);
  });

  it('links the bias bars and judge-score bins to their records when the report is shown with links', async () => {
    const { metrics } = await evaluate(
      records,
      { bias: { groups: ['persona.region'], signals: ['_signals.judge.score'], min_group_size: 1 } },
      { write: false },
    );
    const links = { records: (f: RecordFilter) => `/records?f=${encodeURIComponent(JSON.stringify(f))}` };
    const page = renderReport(metrics, EVALUATION_METRICS, { links });
    const section = (id: string) => page.slice(page.indexOf(`<section id="${id}">`), page.indexOf('</section>', page.indexOf(`<section id="${id}">`)));
    expect(section('bias')).toContain(`href="/records?f=${encodeURIComponent(JSON.stringify({ kind: 'value', field: 'persona.region', value: 'East' }))}"`);
    expect(section('judge').match(/<a class="bin"/g)).toHaveLength(metrics.judge!.histogram.counts.length);
    // The standalone report links nowhere.
    expect(renderReport(metrics)).not.toContain('<a class="bar-row"');
  });

  it('fails thresholds by name and passes the others', async () => {
    const { metrics } = await evaluate(
      records,
      {
        fail_on: [
          { metric: 'pii.total', max: 0 },
          { metric: 'diversity.feedback.distinct_1', min: 0.5 },
          { metric: 'diversity.feedback.distinct_9', min: 0.5 },
        ],
      },
      { write: false },
    );
    expect(metrics.passed).toBe(false);
    expect(metrics.thresholds.map((t) => [t.passed, t.message])).toEqual([
      [false, 'pii.total = 2 is above the maximum 0'],
      [true, 'diversity.feedback.distinct_1 = 0.7813 ok'],
      [false, 'diversity.feedback.distinct_9: no such metric (check the path against metrics.json)'],
    ]);
  });

  it('reads coverage targets from a run directory and checks canaries, leakage and TSTR', async () => {
    const run = tempDir();
    writeFileSync(
      join(run, 'recipe.json'),
      JSON.stringify({
        columns: [
          { name: 'topic', kind: 'category', values: ['billing', 'booking', 'records'], weights: [2, 1, 1] },
          { name: 'answer', kind: 'llm-text' },
        ],
      }),
    );
    const rows = [
      { _id: 0, topic: 'billing', answer: 'You can pay the bill online with a card or at the counter.' },
      { _id: 1, topic: 'billing', answer: 'Bills are sent by email every month with the amount due.' },
      { _id: 2, topic: 'booking', answer: 'Book a slot in the app and choose any clinic near you canary-7f3a-quartz-lumen.' },
      { _id: 3, topic: 'booking', answer: 'Appointments can be moved up to a day before the visit.' },
    ];
    writeJsonl(join(run, 'dataset.jsonl'), rows);
    const reference = writeJsonl(join(run, 'real.jsonl'), [{ answer: 'Appointments can be moved up to a day before the visit, said the nurse.' }]);
    const test = writeJsonl(join(run, 'test.jsonl'), [
      { answer: 'How do I pay my bill by card?', topic: 'billing' },
      { answer: 'Can I move my appointment slot?', topic: 'booking' },
    ]);
    const { metrics } = await evaluate(
      run,
      { privacy: { canaries: ['canary-7f3a-quartz-lumen', 'canary-0000-amber-orbit'] }, relevance: { text_field: 'answer', label_field: 'topic' } },
      { reference, test },
    );
    const topic = metrics.coverage.columns.topic;
    expect(topic.target?.missing).toEqual(['records']);
    expect(topic.target?.totalVariation).toBeCloseTo(0.25, 12);
    expect(metrics.canaries).toEqual({ checked: 2, found: 1, hits: [{ canary: 'canary-7f3a-quartz-lumen', records: ['2'], loose_only: false }] });
    expect(metrics.leakage?.longest_span.max).toBe(11);
    expect(metrics.leakage?.worst[0].record).toBe('3');
    expect(metrics.relevance?.tstr.synthetic.support).toBe(2);
    expect(metrics.relevance?.synthetic_examples).toBe(4);
    const html = readFileSync(join(run, 'evaluation', 'report.html'), 'utf8');
    expect(html).toContain('Attribute coverage');
    expect(html).toContain('canary-7f3a-quartz-lumen');
  });
});

describe('evaluate with an embedder', () => {
  it('embeds the text column and reports Vendi and nearest-neighbour similarity', async () => {
    const records = ['the bus was late again', 'the bus was late again', 'my refund arrived quickly', 'the clinic app keeps crashing'].map((text, i) => ({
      _id: i,
      text,
    }));
    const { metrics } = await evaluate(records, { columns: ['text'], diversity: { embed: `local:${RANDOM_MODEL}` } }, { write: false });
    const e = metrics.embeddings!;
    expect(e.items).toBe(4);
    expect(e.vendi).toBeGreaterThan(1);
    expect(e.vendi).toBeLessThan(4); // two identical texts cannot count as two
    expect(e.near_duplicates).toBeGreaterThanOrEqual(1);
  });
});

describe('report', () => {
  it('escapes record text: no script and no event handler from data', async () => {
    const hostile = [
      {
        _id: '<script>x</script>',
        text: 'A note <script>alert(1)</script> with " onerror="alert(2)" and <img src=x onerror=alert(3)> call 9123 4567 now',
        kind: '<b onmouseover=alert(4)>',
      },
      { _id: 2, text: 'Second note about <svg onload=alert(5)> things and " onclick="steal()" here', kind: 'plain' },
    ];
    const { metrics } = await evaluate(hostile, { fail_on: [{ metric: 'pii.total', max: 0 }] }, { write: false });
    expect(metrics.pii.total).toBe(1);
    const page = renderReport(metrics);
    expect(page).not.toMatch(/<script/i);
    expect(page.match(/<[^>]*\son\w+\s*=/gi)).toBeNull();
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('<mark title="phone">9123 4567</mark>');
    expect(page).toContain('class="failed"');
  });
});

describe('evaluate command', () => {
  it('exits with 3 when a threshold fails, 0 otherwise', async () => {
    const dir = tempDir();
    const file = writeJsonl(join(dir, 'data.jsonl'), records);
    const config = join(dir, 'evaluate.yaml');
    writeFileSync(config, 'fail_on:\n  - { metric: pii.total, max: 0 }\n');
    const out = join(dir, 'out');
    mkdirSync(out);
    const write = process.stdout.write;
    const writeErr = process.stderr.write;
    let printed = '';
    process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stderr.write;
    try {
      await evaluateCommand().parseAsync(['node', 'evaluate', file, '--with', config, '--out', out, '--quiet']);
      expect(process.exitCode).toBe(EXIT.thresholdFailed);
      expect(printed).toContain('threshold failed: pii.total = 2 is above the maximum 0');
      writeFileSync(config, 'fail_on:\n  - { metric: pii.total, max: 5 }\n');
      await evaluateCommand().parseAsync(['node', 'evaluate', file, '--with', config, '--out', out, '--quiet']);
      expect(process.exitCode).toBe(0);
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
  });
});
