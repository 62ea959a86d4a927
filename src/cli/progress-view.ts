/**
 * Shows a run's progress on stderr: a live bar on a terminal, a few plain lines otherwise
 * (logs, CI), and the summary at the end.
 *
 * Rate and ETA are computed here, not by cli-progress: its ETA printed `ETA NFs` (its "INF"
 * cut to two characters) before the first record and `1m60s` when rounding carried into the
 * next minute. Ours count only the records finished in this session (a resumed run starts with
 * some done), and say "estimating" until the first one finishes.
 */
import cliProgress from 'cli-progress';
import type { GenerateEvent, RunProgress } from '../generate/events.js';
import type { PipelineSummary as RunSummary } from '../pipeline/run-pipeline.js';
import { formatCurationSummary } from '../curate/explain-record.js';

export function createProgressView(stream: NodeJS.WriteStream = process.stderr, quiet = false, now: () => number = () => performance.now()) {
  const live = stream.isTTY && !quiet;
  let bar: cliProgress.SingleBar | undefined;
  let download: cliProgress.SingleBar | undefined;
  let downloadClock: { at: number; bytes: number } | undefined;
  let lastPlainDecile = -1;
  // Set by the first progress event, which comes once the models are loaded.
  let clock: { at: number; done: number } | undefined;

  const speedOf = (p: RunProgress) => {
    clock ??= { at: now(), done: p.done };
    const rate = perSecond(p.done - clock.done, now() - clock.at);
    return { rate, eta: formatEta(Math.max(0, p.target - p.done), rate) };
  };

  const fields = (p: RunProgress) => {
    const { rate, eta } = speedOf(p);
    return {
      valid: p.valid,
      failed: p.failedCells,
      tokens: `${formatCount(p.inputTokens)} in / ${formatCount(p.outputTokens)} out`,
      cost: p.cost === undefined ? 'n/a' : `$${p.cost.toFixed(4)}`,
      cached: p.cachedCalls,
      speed: formatRate(rate, 'rec'),
      remaining: eta,
      concurrency: formatLevels(p.concurrency),
    };
  };

  return {
    onEvent(event: GenerateEvent) {
      if (quiet) return;
      if (event.type === 'download') {
        downloadClock ??= { at: now(), bytes: event.downloadedBytes };
        const rate = perSecond(event.downloadedBytes - downloadClock.bytes, now() - downloadClock.at);
        const eta = formatEta(Math.max(0, event.totalBytes - event.downloadedBytes), rate);
        if (!live) {
          if (event.downloadedBytes === 0 || event.downloadedBytes === event.totalBytes) {
            stream.write(`downloading the default model for '${event.model}': ${formatBytes(event.downloadedBytes)} of ${formatBytes(event.totalBytes)}\n`);
          }
          return;
        }
        const payload = {
          done: formatBytes(event.downloadedBytes),
          total: formatBytes(event.totalBytes),
          speed: rate === undefined ? '--' : `${formatBytes(rate)}/s`,
          remaining: eta,
        };
        download ??= new cliProgress.SingleBar(
          { format: `downloading model '${event.model}' |{bar}| {percentage}% {done} of {total} | {speed} | ETA {remaining}`, stream, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        if (!download.isActive) download.start(event.totalBytes, 0, payload);
        download.update(event.downloadedBytes, payload);
        if (event.downloadedBytes >= event.totalBytes) download.stop();
        return;
      }
      if (event.type === 'progress') {
        const p = event.progress;
        if (live) {
          bar ??= new cliProgress.SingleBar(
            {
              format:
                'records |{bar}| {value}/{total} | {speed} | elapsed {duration_formatted} | ETA {remaining} | valid {valid} | failed cells {failed} | {tokens} | cached {cached} | cost {cost}{concurrency}',
              // cli-progress's own time format has the carry bug described above.
              formatTime: (seconds) => formatDuration(seconds),
              stream,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          const values = fields(p);
          if (!bar.isActive) bar.start(p.target, p.done, values);
          bar.setTotal(Math.max(p.target, p.done));
          bar.update(p.done, values);
        } else {
          const { rate, eta } = speedOf(p);
          const decile = Math.floor((10 * p.done) / Math.max(1, p.target));
          if (decile !== lastPlainDecile) {
            lastPlainDecile = decile;
            stream.write(
              `records ${p.done}/${p.target}, valid ${p.valid}, failed cells ${p.failedCells}, tokens ${formatCount(p.inputTokens)} in / ${formatCount(p.outputTokens)} out, ${formatRate(rate, 'rec')}, ETA ${eta}${formatLevels(p.concurrency).replace(' |', ',')}\n`,
            );
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

/** Units per second over an interval; undefined until something has been counted. */
export function perSecond(count: number, elapsedMs: number): number | undefined {
  if (!(count > 0) || !(elapsedMs > 0) || !Number.isFinite(count) || !Number.isFinite(elapsedMs)) return undefined;
  return count / (elapsedMs / 1000);
}

/** "2.5 rec/s", "12 rec/min", "3.0 rec/h"; "--" before anything was counted. */
export function formatRate(perSec: number | undefined, unit: string): string {
  if (perSec === undefined || !Number.isFinite(perSec) || perSec <= 0) return `-- ${unit}/s`;
  if (perSec >= 1) return `${trim(perSec)} ${unit}/s`;
  if (perSec * 60 >= 1) return `${trim(perSec * 60)} ${unit}/min`;
  return `${trim(perSec * 3600)} ${unit}/h`;
}

/** Time left for `remaining` units at `perSec`; "estimating" until there is a rate. */
export function formatEta(remaining: number, perSec: number | undefined): string {
  if (!(remaining > 0)) return '0s';
  if (perSec === undefined || !Number.isFinite(perSec) || perSec <= 0) return 'estimating';
  return formatDuration(remaining / perSec);
}

/**
 * "45s", "1m05s", "2h03m", "3d04h". Rounds to the shown unit before splitting it, so 119.7 s is
 * "2m00s", never "1m60s"; anything not a finite, non-negative number is "--".
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  if (seconds < 59.5) return `${Math.round(seconds)}s`;
  const totalSeconds = Math.round(seconds);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m${pad(totalSeconds % 60)}s`;
  const totalMinutes = Math.round(seconds / 60);
  if (totalMinutes < 24 * 60) return `${Math.floor(totalMinutes / 60)}h${pad(totalMinutes % 60)}m`;
  const totalHours = Math.round(seconds / 3600);
  return `${Math.floor(totalHours / 24)}d${pad(totalHours % 24)}h`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Three significant figures at most: 12.3, 123, 0.25. */
function trim(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1).replace(/\.0$/, '') : n.toFixed(2).replace(/\.?0+$/, '');
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

/** " | concurrency m 16" (several models: "a 16, b 4"); empty when no model adapts. */
export function formatLevels(levels: Record<string, number> | undefined): string {
  const entries = Object.entries(levels ?? {});
  return entries.length ? ` | concurrency ${entries.map(([m, n]) => `${m} ${n}`).join(', ')}` : '';
}

function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`;
}
