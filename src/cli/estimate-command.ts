import { Command } from 'commander';
import { estimateRun, DEFAULT_ASSUMED_OUTPUT_TOKENS, DEFAULT_SAMPLE_RECORDS, type RunEstimate } from '../generate/estimate-run.js';
import { positiveInt } from './generate-command.js';
import { EXIT, runCommand } from './run-command.js';

export function estimateCommand(): Command {
  return new Command('estimate')
    .description('print the calls, tokens and cost a run of a recipe would take, without calling any model')
    .argument('<recipe>', 'recipe YAML file')
    .option('-n, --records <n>', 'override the number of records', positiveInt)
    .option(
      '--sample <n>',
      `records run through the pipeline (with a counting stand-in model) to measure per-record figures`,
      positiveInt,
      DEFAULT_SAMPLE_RECORDS,
    )
    .option('--output-tokens <n>', 'output tokens assumed per call where nothing sets max_tokens', positiveInt, DEFAULT_ASSUMED_OUTPUT_TOKENS)
    .option('--json', 'print the estimate as JSON')
    .action((recipe: string, opts: { records?: number; sample: number; outputTokens: number; json?: boolean }) =>
      runCommand(async (signal) => {
        const estimate = await estimateRun(recipe, { records: opts.records, sampleRecords: opts.sample, assumedOutputTokens: opts.outputTokens, signal });
        process.stdout.write(opts.json ? `${JSON.stringify(estimate, null, 2)}\n` : `${formatEstimate(recipe, estimate)}\n`);
        return EXIT.ok;
      }),
    );
}

export function formatEstimate(recipe: string, e: RunEstimate): string {
  const bound = e.models.every((m) => m.outputTokensBound);
  const header = [
    'model',
    'engine',
    'calls',
    'input tokens',
    bound ? 'output tokens (upper bound)' : 'output tokens (estimate)',
    'price in / out per 1M',
    'cost',
  ];
  const rows = e.models.map((m) => [
    m.model === m.modelName ? m.model : `${m.model} (${m.modelName})`,
    m.engine,
    count(m.calls),
    count(m.inputTokens),
    `${count(m.outputTokens)}${bound || m.outputTokensBound ? '' : ' (assumed)'}`,
    !m.price ? 'unknown' : m.price.source === 'local' ? 'local' : `$${rate(m.price.inputPerMillion)} / $${rate(m.price.outputPerMillion)}`,
    m.cost === undefined ? 'n/a' : dollars(m.cost),
  ]);
  if (e.models.length > 1) {
    const sum = (f: (m: RunEstimate['models'][number]) => number) => count(e.models.reduce((n, m) => n + f(m), 0));
    rows.push(['total', '', sum((m) => m.calls), sum((m) => m.inputTokens), sum((m) => m.outputTokens), '', e.cost === undefined ? 'n/a' : dollars(e.cost)]);
  }
  const lines = [
    `estimate for ${recipe}: ${count(e.records)} records${e.sampledRecords < e.records ? ` (measured on ${count(e.sampledRecords)})` : ''}`,
    '',
    ...alignedTable(header, rows, [false, false, true, true, true, true, true]),
  ];
  if (!e.models.length) lines.push('(no column calls a model: the run costs nothing)');
  if (e.cost !== undefined)
    lines.push('', `estimated cost: ${dollars(e.cost)}${bound ? ' (every reply at its max_tokens; a real run usually costs less)' : ''}`);
  lines.push('', 'assumptions:', ...e.assumptions.map((a) => `  - ${a}`));
  return lines.join('\n');
}

/** Columns padded to their widest cell; `right` aligns numbers. */
function alignedTable(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function rate(perMillion: number): string {
  return perMillion >= 1 ? perMillion.toFixed(2) : perMillion.toPrecision(2);
}

function dollars(n: number): string {
  return n === 0 ? '$0' : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}
