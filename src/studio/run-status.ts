/**
 * Where a run stands, read from its database (so a live generation shows progress as records
 * commit) and summary.json once it finished: records done of the target, valid and flagged,
 * failed cells by reason, tokens and cost per model, and, from the samples the caller keeps,
 * the rate and an ETA.
 */
import type Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../store/run-lock.js';
import { hasTable } from './read-only-run.js';

export interface ModelLine {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost?: number;
}

export interface RunStatus {
  state: 'running' | 'finished' | 'stopped';
  target: number;
  done: number;
  valid: number;
  flagged: number;
  failedCells: number;
  failures: { column: string; reason: string; count: number }[];
  models: ModelLine[];
  cost?: number;
  /** Records per second over the last samples; undefined until two samples exist. */
  rate?: number;
  etaSeconds?: number;
  reviewed: number;
}

export interface RateSample {
  at: number;
  done: number;
}

type Price = { input_per_million?: number; output_per_million?: number };

/** Counts of the run database, reused while nothing was committed (see RunContext.dataVersion). */
export interface CountsCache extends ReturnType<typeof countTables> {
  version: number;
}

function countTables(db: Database.Database) {
  const counts = db.prepare<[], { done: number; valid: number | null }>('SELECT COUNT(*) AS done, SUM(valid) AS valid FROM records').get()!;
  const failures = db
    .prepare<[], { column: string; reason: string | null; count: number }>(
      'SELECT col AS column, reason, COUNT(*) AS count FROM cells WHERE ok = 0 GROUP BY col, reason ORDER BY count DESC',
    )
    .all()
    .map((f) => ({ column: f.column, reason: f.reason ?? 'invalid_reply', count: f.count }));
  const models = db
    .prepare<[], ModelLine>(
      `SELECT model, COUNT(*) AS calls, SUM(CASE WHEN cached = 0 THEN input_tokens ELSE 0 END) AS inputTokens,
              SUM(CASE WHEN cached = 0 THEN output_tokens ELSE 0 END) AS outputTokens FROM calls GROUP BY model ORDER BY model`,
    )
    .all();
  const reviewed = hasTable(db, 'review_decisions')
    ? db.prepare<[], { n: number }>('SELECT COUNT(DISTINCT run_idx) AS n FROM review_decisions WHERE undone = 0').get()!.n
    : 0;
  return { done: counts.done, valid: counts.valid, failures, models, reviewed };
}

export function readRunStatus(dir: string, db: Database.Database, samples: RateSample[], cache?: { value?: CountsCache }): RunStatus {
  const recipe = readJson(join(dir, 'recipe.json')) as { records?: number; models?: Record<string, { price?: Price }> } | undefined;
  const summary = readJson(join(dir, 'summary.json')) as { cost?: number; records?: number; requested?: number } | undefined;
  // Counting 100k records, cells and calls reads whole tables: only again once another
  // connection committed (PRAGMA data_version), so a finished run's status costs nothing.
  const version = db.pragma('data_version', { simple: true }) as number;
  const tables = cache?.value?.version === version ? cache.value : { version, ...countTables(db) };
  if (cache) cache.value = tables;
  const counts = tables;
  const failures = tables.failures;
  const models = tables.models.map((m) => {
    const price = recipe?.models?.[m.model]?.price;
    return price ? { ...m, cost: (m.inputTokens * (price.input_per_million ?? 0) + m.outputTokens * (price.output_per_million ?? 0)) / 1e6 } : m;
  });
  const running = isLocked(dir);
  const target = recipe?.records ?? summary?.requested ?? counts.done;
  const done = counts.done;
  const now = Date.now();
  if (samples.at(-1)?.done !== done || samples.length === 0) samples.push({ at: now, done });
  while (samples.length > 2 && now - samples[0].at > 10_000) samples.shift();
  const first = samples[0];
  const last = samples.at(-1)!;
  const rate = running && last.at > first.at ? ((last.done - first.done) * 1000) / (last.at - first.at) : undefined;
  const reviewed = tables.reviewed;
  const modelCost = models.some((m) => m.cost !== undefined) ? models.reduce((s, m) => s + (m.cost ?? 0), 0) : undefined;
  return {
    state: running ? 'running' : summary ? 'finished' : 'stopped',
    target,
    done,
    valid: counts.valid ?? 0,
    flagged: done - (counts.valid ?? 0),
    failedCells: failures.reduce((s, f) => s + f.count, 0),
    failures,
    models,
    cost: summary?.cost ?? modelCost,
    rate,
    etaSeconds: rate && rate > 0 ? Math.max(0, (target - done) / rate) : undefined,
    reviewed,
  };
}

/** A run.lock held by a live process on this host means a generation is writing now. */
function isLocked(dir: string): boolean {
  const owner = readJson(join(dir, LOCK_FILE)) as { pid?: number; host?: string } | undefined;
  if (!owner?.pid) return false;
  if (owner.host && owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // being replaced right now (written atomically, so the next read succeeds)
  }
}
