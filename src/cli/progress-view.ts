/**
 * Shows a run's progress on stderr: a live bar on a terminal, a few plain lines otherwise
 * (logs, CI), and the summary at the end.
 */
import cliProgress from 'cli-progress';
import type { GenerateEvent, RunProgress, RunSummary } from '../generate/events.js';
import { formatCurationSummary } from '../curate/explain-record.js';

export function createProgressView(stream: NodeJS.WriteStream = process.stderr, quiet = false) {
  const live = stream.isTTY && !quiet;
  let bar: cliProgress.SingleBar | undefined;
  let download: cliProgress.SingleBar | undefined;
  let lastPlainDecile = -1;

  const fields = (p: RunProgress) => ({
    valid: p.valid,
    failed: p.failedCells,
    tokens: `${formatCount(p.inputTokens)} in / ${formatCount(p.outputTokens)} out`,
    cost: p.cost === undefined ? 'n/a' : `$${p.cost.toFixed(4)}`,
    cached: p.cachedCalls,
  });

  return {
    onEvent(event: GenerateEvent) {
      if (quiet) return;
      if (event.type === 'download') {
        if (!live) {
          if (event.downloadedBytes === 0 || event.downloadedBytes === event.totalBytes) {
            stream.write(`downloading the default model for '${event.model}': ${formatBytes(event.downloadedBytes)} of ${formatBytes(event.totalBytes)}\n`);
          }
          return;
        }
        download ??= new cliProgress.SingleBar(
          { format: `downloading model '${event.model}' |{bar}| {percentage}% {done} of {total} | ETA {eta_formatted}`, stream, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        if (!download.isActive) download.start(event.totalBytes, 0, { done: '0 B', total: formatBytes(event.totalBytes) });
        download.update(event.downloadedBytes, { done: formatBytes(event.downloadedBytes), total: formatBytes(event.totalBytes) });
        if (event.downloadedBytes >= event.totalBytes) download.stop();
        return;
      }
      if (event.type === 'progress') {
        const p = event.progress;
        if (live) {
          bar ??= new cliProgress.SingleBar(
            {
              format: 'records |{bar}| {value}/{total} | valid {valid} | failed cells {failed} | {tokens} | cached {cached} | cost {cost} | ETA {eta_formatted}',
              stream,
              hideCursor: true,
              etaBuffer: 50,
            },
            cliProgress.Presets.shades_classic,
          );
          if (!bar.isActive) bar.start(p.target, p.done, fields(p));
          bar.setTotal(Math.max(p.target, p.done));
          bar.update(p.done, fields(p));
        } else {
          const decile = Math.floor((10 * p.done) / p.target);
          if (decile !== lastPlainDecile) {
            lastPlainDecile = decile;
            stream.write(`records ${p.done}/${p.target}, valid ${p.valid}, failed cells ${p.failedCells}, tokens ${formatCount(p.inputTokens)} in / ${formatCount(p.outputTokens)} out\n`);
          }
        }
        return;
      }
      bar?.stop();
    },
    stop() {
      bar?.stop();
      download?.stop();
    },
  };
}

export function formatSummary(s: RunSummary): string {
  const lines = [
    `records: ${s.records} of ${s.requested} requested, ${s.valid} valid, ${s.flagged} flagged (${s.failedCells} failed cells)`,
    `wall time: ${(s.wallMs / 1000).toFixed(1)} s`,
  ];
  for (const m of s.models) {
    lines.push(
      `model ${m.model}: ${m.calls} calls (${m.cachedCalls} from cache), tokens ${m.inputTokens} in / ${m.outputTokens} out, cost ${m.cost === undefined ? 'n/a (no price set)' : `$${m.cost.toFixed(4)}`}`,
    );
  }
  if (s.cost !== undefined) lines.push(`total cost: $${s.cost.toFixed(4)}`);
  lines.push(`files: ${s.files.join(', ')}`);
  if (s.curation) lines.push(formatCurationSummary(s.curation));
  if (s.evaluation) {
    lines.push(`evaluation: ${s.evaluation.files.join(', ')}`);
    for (const failed of s.evaluation.failedThresholds) lines.push(`threshold failed: ${failed}`);
  }
  if (!s.complete) lines.push(`WARNING: only ${s.valid} of ${s.requested} records are valid; the max_records cap was reached.`);
  else if (s.flagged) lines.push(`note: ${s.flagged} record(s) have flagged cells; see their _errors field.`);
  return lines.join('\n');
}

function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`;
}
