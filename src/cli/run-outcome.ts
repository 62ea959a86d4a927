/**
 * How a finished run ends for the shell: the exit code and the lines that explain it. A run whose
 * model calls finally failed is not a success, even though its records were written.
 */
import type { PipelineSummary } from '../pipeline/run-pipeline.js';
import { EXIT } from './run-command.js';

export function exitCodeFor(summary: PipelineSummary): number {
  if (summary.failures?.some((f) => f.reason === 'call_failed')) return EXIT.callsFailed;
  if (!summary.complete) return EXIT.incomplete;
  return summary.evaluation?.failedThresholds.length ? EXIT.thresholdFailed : EXIT.ok;
}

/** One line per failing column and reason, most frequent first; empty when nothing failed. */
export function formatFailures(summary: PipelineSummary): string {
  const failures = summary.failures ?? [];
  if (!failures.length) return '';
  const lines = failures.map((f) => `  ${f.column}: ${f.count} cell(s) ${f.reason} — e.g. ${f.example.slice(0, 160)}`);
  const hints: string[] = [];
  if (failures.some((f) => f.reason === 'call_failed')) {
    hints.push(`model calls failed after their retries; fix the cause, then retry just those cells with: synthkit resume ${summary.dir}`);
  }
  if (failures.some((f) => f.reason === 'context_overflow')) {
    hints.push("prompts longer than the model's context were not sent (nothing is cut silently): raise context_size, lower max_tokens or retrieve less");
  }
  hints.push('flagged records stay in the dataset, with their reasons in _errors');
  return ['failed cells:', ...lines, ...hints].join('\n');
}
