/**
 * End to end: a small JSONL file through rules, dedup, decontamination, a judge (mock server) and
 * weights; every record accounted for; the same input gives byte-identical files; and the CLI's
 * --explain shows one record's path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { curate } from '../../src/curate/run-curation.js';
import { curateCommand } from '../../src/cli/curate-command.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { tempDir } from '../support/paths.js';

const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const feedback = [
  'The appointment booking page froze twice before I could confirm my slot at the polyclinic.',
  'The appointment booking page froze twice before I could confirm my slot at the polyclinic!',
  'Great.',
  'Lab results showed up the same evening, which saved me a trip back to the clinic for the report.',
  'Paying the bill was quick and the receipt arrived by email right away, very convenient for me.',
  'My NRIC S1234567D is shown on the screen, please hide it from the payment page of the app.',
  'The video kept freezing during my teleconsultation and the doctor had to call me back on the phone.',
  'How many vaccination slots are open this week at the community centre near the train station?',
];

let server: MockLlmServer;
let dir: string;
let input: string;
let configFile: string;

beforeAll(async () => {
  // Scores by length, so the weights differ between records.
  server = await startMockLlmServer({
    handler: (body) => {
      const text = /<record>\n([\s\S]*)\n<\/record>/.exec(body.messages[1].content)![1];
      return { score: text.length > 90 ? 5 : text.length > 60 ? 4 : 2, rationale: `length ${text.length}` };
    },
  });
  dir = tempDir();
  input = join(dir, 'feedback.jsonl');
  writeFileSync(input, `${feedback.map((text, i) => JSON.stringify({ feedback: text, sentiment: i % 2 ? 'negative' : 'positive' })).join('\n')}\n`);
  writeFileSync(join(dir, 'eval.txt'), 'how many vaccination slots are open this week at the community centre near the train station\n');
  configFile = join(dir, 'curate.yaml');
  writeFileSync(
    configFile,
    `
models:
  judge: { engine: openai-compatible, model: judge-model, base_url: "${server.url}/v1" }
text_field: feedback
stages:
  - stage: length
    min_words: 3
  - stage: regex
    must_not_match: ['\\bS\\d{7}[A-Z]\\b']
    action: flag
  - stage: exact-dedup
  - stage: decontaminate
    eval_file: eval.txt
    n: 8
  - stage: judge
    model: judge
    rubric:
      criteria: Is the feedback specific and useful to the product team?
      scale: [1, 2, 3, 4, 5]
      levels: { "1": useless, "3": somewhat specific, "5": specific and actionable }
    min_score: 3
  - stage: weight
    formula: judge.score / 5
    max: 1.5
`,
  );
});
afterAll(async () => {
  await server.close();
});

describe('curate a JSONL file', () => {
  it('records every decision, writes the files, and repeats exactly', async () => {
    const out = join(dir, 'out1');
    const summary = await curate(input, configFile, { out, cache: false });
    expect(summary).toMatchObject({ records: 8, kept: 4, dropped: 3, flagged: 1 });
    expect(summary.stages.map((s) => [s.name, s.seen, s.dropped, s.flagged])).toEqual([
      ['length', 8, 1, 0],
      ['regex', 7, 0, 1],
      ['exact_dedup', 7, 1, 0],
      ['decontaminate', 6, 1, 0],
      ['judge', 5, 0, 0],
      ['weight', 5, 0, 0],
    ]);
    expect(summary.stages[2].reasons).toEqual([{ reason: 'exact duplicate', decision: 'dropped', count: 1 }]);

    const all = readJsonl(join(out, 'all.jsonl'));
    expect(all.map((r) => [r._id, r._decision])).toEqual([
      [0, 'kept'],
      [1, 'dropped'],
      [2, 'dropped'],
      [3, 'kept'],
      [4, 'kept'],
      [5, 'flagged'],
      [6, 'kept'],
      [7, 'dropped'],
    ]);
    expect(all[1]._reasons).toEqual([{ stage: 'exact_dedup', decision: 'dropped', reason: 'exact duplicate', detail: 'of record 0' }]);
    expect(all[7]._reasons[0]).toMatchObject({ stage: 'decontaminate', reason: 'overlaps the evaluation set' });
    const curated = readJsonl(join(out, 'curated.jsonl'));
    expect(curated).toHaveLength(5);
    const weights = curated.map((r) => r._weight);
    expect(weights.reduce((s: number, w: number) => s + w, 0) / weights.length).toBeCloseTo(1, 5);
    expect(Math.max(...weights)).toBeLessThanOrEqual(1.5);
    expect(JSON.parse(readFileSync(join(out, 'clusters.json'), 'utf8'))).toEqual({ exact_dedup: [{ representative: 0, members: [0, 1] }] });
    expect(summary.files.map((f) => f.slice(out.length + 1))).toEqual([
      'curated.jsonl',
      'curated.csv',
      'curated.parquet',
      'all.jsonl',
      'decisions.json',
      'clusters.json',
      'summary.json',
    ]);

    // Same input, same config: the same files, byte for byte (the second run into the same
    // directory answers the judge from its own store; a fresh directory asks again).
    const calls = server.requests.length;
    await curate(input, configFile, { out, cache: false });
    expect(server.requests.length).toBe(calls);
    const out2 = join(dir, 'out2');
    await curate(input, configFile, { out: out2, cache: false });
    for (const file of ['all.jsonl', 'curated.jsonl', 'curated.csv', 'decisions.json', 'clusters.json']) {
      expect(readFileSync(join(out2, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    }
  });

  it('--explain prints one record through the stages', async () => {
    const stdout: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
    const errWrite = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await curateCommand().parseAsync([input, '--with', configFile, '--out', join(dir, 'out3'), '--explain', '5', '--no-cache'], { from: 'user' });
      expect(process.exitCode).toBe(0);
      await curateCommand().parseAsync([input, '--with', configFile, '--out', join(dir, 'out3'), '--explain', '2', '-q'], { from: 'user' });
      await curateCommand().parseAsync([input, '--with', configFile, '--out', join(dir, 'out3'), '--explain', '99', '-q'], { from: 'user' });
      expect(process.exitCode).toBe(1);
    } finally {
      write.mockRestore();
      errWrite.mockRestore();
      process.exitCode = 0;
    }
    const [flagged, dropped] = stdout;
    expect(flagged.split('\n').slice(0, 4)).toEqual([
      'record 5: flagged (weight 0.869565)',
      '  length (length): kept',
      '      signals: chars=90, words=18, tokens=20',
      '  regex (regex): flagged: matches forbidden /\\bS\\d{7}[A-Z]\\b/',
    ]);
    expect(flagged).toMatch(/ {2}judge \(judge\): kept\n {6}signals: score=4, spread=0, raters=1\n {6}judge#0: 4: length 90/);
    expect(dropped).toBe(
      [
        'record 2: dropped',
        '  length (length): dropped: fewer than 3 words',
        '      signals: chars=6, words=1, tokens=2',
        ...['regex', 'exact_dedup', 'decontaminate', 'judge', 'weight'].map((s) => `  ${s}: not run (dropped earlier)`),
      ].join('\n') + '\n',
    );
  });
});
