import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { evaluate } from '../evaluate/evaluate.js';
import { loadEvaluateConfigFile } from '../evaluate/load-evaluate-config.js';
import type { EvaluationMetrics } from '../evaluate/evaluation-metrics.js';
import { EXIT, runCommand } from './run-command.js';

export interface EvaluateCommandOptions {
  with?: string;
  out?: string;
  reference?: string;
  test?: string;
  embeddingsField?: string;
  localModel?: string;
  cache: boolean;
  quiet?: boolean;
}

export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description('measure diversity, coverage, bias, factualness, privacy and relevance; write metrics.json and report.html')
    .argument('<run-dir|file>', 'run directory (its dataset.jsonl) or any JSONL file')
    .option('-w, --with <evaluate.yaml>', 'evaluation config (default: diversity, coverage and PII of the text columns found)')
    .option('-o, --out <dir>', 'output directory (default <run-dir>/evaluation or <file>.evaluation next to the file)')
    .option('--reference <real.jsonl>', 'private real data to check for leakage')
    .option('--test <real-test.jsonl>', 'labelled real test data for train-on-synthetic-test-on-real (needs relevance in the config)')
    .option('--embeddings-field <field>', 'record field holding an embedding per record, e.g. _embedding.text')
    .option('--local-model <file.gguf>', 'run the local judge models on this GGUF file')
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('-q, --quiet', 'no progress output')
    .action((input: string, opts: EvaluateCommandOptions) => runCommand((signal) => runEvaluate(input, opts, signal)));
}

async function runEvaluate(input: string, opts: EvaluateCommandOptions, signal: AbortSignal): Promise<number> {
  const config = opts.with ? loadEvaluateConfigFile(opts.with) : {};
  const result = await evaluate(input, config, {
    out: opts.out,
    reference: opts.reference,
    test: opts.test,
    embeddingsField: opts.embeddingsField,
    configDir: opts.with ? dirname(resolve(opts.with)) : undefined,
    localModel: opts.localModel,
    cache: opts.cache ? undefined : false,
    signal,
    onProgress: opts.quiet ? undefined : (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(`${formatSummary(result.metrics)}\n`);
  for (const file of result.files) process.stdout.write(`wrote ${file}\n`);
  const failed = result.metrics.thresholds.filter((t) => !t.passed);
  if (failed.length === 0) return EXIT.ok;
  for (const t of failed) process.stderr.write(`threshold failed: ${t.message}\n`);
  return EXIT.thresholdFailed;
}

export function formatSummary(m: EvaluationMetrics): string {
  const f = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(3));
  const lines = [`${m.records} records; text columns: ${m.columns.join(', ') || 'none found'}`];
  for (const c of m.columns) {
    const d = m.diversity[c];
    lines.push(
      `  ${c}: distinct-1 ${f(d.distinct_1)}, distinct-2 ${f(d.distinct_2)}, self-BLEU ${f(d.self_bleu)}, compression ${f(d.compression_ratio)}, repetition ${f(d.repetition)}, mean words ${f(d.words.mean)}`,
    );
  }
  lines.push(`  PII: ${m.pii.total} spans in ${m.pii.records_with_pii} records`);
  if (m.judge) lines.push(`  judge score: mean ${f(m.judge.scores.mean)}`);
  if (m.factualness) lines.push(`  faithfulness: ${f(m.factualness.faithfulness)} over ${m.factualness.claims} claims`);
  if (m.consistency) lines.push(`  consistency: ${m.consistency.contradictions} contradictions in ${m.consistency.pairs_checked} pairs`);
  if (m.leakage) lines.push(`  leakage: longest shared span ${f(m.leakage.longest_span.max)} words`);
  if (m.canaries) lines.push(`  canaries: ${m.canaries.found} of ${m.canaries.checked} found`);
  if (m.relevance) lines.push(`  TSTR: accuracy ${f(m.relevance.tstr.synthetic.accuracy)}, macro-F1 ${f(m.relevance.tstr.synthetic.macroF1)}`);
  if (m.thresholds.length) lines.push(`  thresholds: ${m.thresholds.filter((t) => t.passed).length} of ${m.thresholds.length} passed`);
  return lines.join('\n');
}
