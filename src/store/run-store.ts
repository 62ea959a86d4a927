/**
 * The run directory's database: the resolved recipe, every record, every finished LLM cell,
 * every model call (with its reply, so a resumed run never pays for it twice) and usage.
 * Writes are queued and committed together once per event-loop turn (see WriteBatcher).
 */
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './open-database.js';
import { WriteBatcher } from './write-batcher.js';
import { hash } from 'node:crypto';
import type { ChatMessage, ModelResponse } from '../models/types.js';
import type { CallLog, CallRow, ModelUsage } from '../models/model-runner.js';

export interface CellRow {
  idx: number;
  column: string;
  value: unknown;
  ok: boolean;
  error?: string;
  raw?: string;
  reasoning?: string;
  logprobs?: { mean: number; min: number };
  /** Indexes of the few-shot examples shown. */
  fewShot?: number[];
  /** Passages the reply was grounded on. */
  sources?: { id: string; source: string; start: number; end: number; score?: number }[];
  attempts: number;
  /** Stable code of why the cell failed (call_failed, invalid_reply, input_failed, ...). */
  reason?: string;
  /** Injection-guard findings on the cell's inputs and reply (safety/injection/guard-config.ts). */
  safety?: SafetyNote[];
}

/** One screened text of a cell that the injection guard flagged (the guard is safety/injection/guard-config.ts). */
export interface SafetyNote {
  /** 'input' (a text that entered the prompt) or 'output' (the reply). */
  side: 'input' | 'output';
  /** Where the text came from: `column:<name>`, `few_shot:<n>`, `passage:<id>`, `output`. */
  source: string;
  action: 'flag' | 'quarantine' | 'block';
  score: number;
  categories: string[];
  rules: string[];
}

export interface RecordRow {
  idx: number;
  data: Record<string, unknown>;
  valid: boolean;
  errors: string[];
}

export type { CallRow, ModelUsage };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (idx INTEGER PRIMARY KEY, data TEXT NOT NULL, valid INTEGER NOT NULL, errors TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cells (idx INTEGER NOT NULL, col TEXT NOT NULL, value TEXT, ok INTEGER NOT NULL, error TEXT, raw TEXT, reasoning TEXT, logprobs TEXT, few_shot TEXT, sources TEXT, attempts INTEGER NOT NULL, PRIMARY KEY (idx, col));
CREATE TABLE IF NOT EXISTS calls (id INTEGER PRIMARY KEY, idx INTEGER, col TEXT, model TEXT NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cached INTEGER NOT NULL, ms INTEGER NOT NULL, key TEXT NOT NULL, response TEXT);
CREATE TABLE IF NOT EXISTS prompts (hash TEXT PRIMARY KEY, messages TEXT NOT NULL);
`;

/** Columns added after the first release, for run directories made before them. */
const MIGRATIONS: { table: string; column: string; type: string }[] = [
  { table: 'cells', column: 'reason', type: 'TEXT' },
  { table: 'cells', column: 'safety', type: 'TEXT' },
  { table: 'calls', column: 'prompt', type: 'TEXT' },
];

export const RUN_DB = 'run.sqlite';

/** SQL condition on `records r`: the record has no failed cell (a resume computes those again). */
const NO_FAILED_CELL = 'NOT EXISTS (SELECT 1 FROM cells c WHERE c.idx = r.idx AND c.ok = 0)';

export class RunStore implements CallLog {
  private readonly db: Database.Database;
  private readonly writes: WriteBatcher;
  private readonly stmts;

  /** `file` lets a later stage (curation, evaluation) keep its own calls beside the run's. */
  constructor(
    readonly dir: string,
    file = RUN_DB,
  ) {
    mkdirSync(dir, { recursive: true });
    this.db = openDatabase(join(dir, file));
    this.db.exec(SCHEMA);
    for (const m of MIGRATIONS) {
      const has = this.db
        .prepare<[], { name: string }>(`PRAGMA table_info(${m.table})`)
        .all()
        .some((c) => c.name === m.column);
      if (!has) this.db.exec(`ALTER TABLE ${m.table} ADD COLUMN ${m.column} ${m.type}`);
    }
    this.writes = new WriteBatcher(this.db);
    this.stmts = {
      getMeta: this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      putRecord: this.db.prepare('INSERT OR REPLACE INTO records (idx, data, valid, errors) VALUES (?, ?, ?, ?)'),
      putCell: this.db.prepare(
        'INSERT OR REPLACE INTO cells (idx, col, value, ok, error, raw, reasoning, logprobs, few_shot, sources, attempts, reason, safety) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      putCall: this.db.prepare(
        'INSERT INTO calls (idx, col, model, input_tokens, output_tokens, cached, ms, key, response, prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      putPrompt: this.db.prepare('INSERT OR IGNORE INTO prompts (hash, messages) VALUES (?, ?)'),
      promptsOf: this.db.prepare<[number, string], { id: number; model: string; cached: number; messages: string | null }>(
        'SELECT c.id, c.model, c.cached, p.messages FROM calls c LEFT JOIN prompts p ON p.hash = c.prompt WHERE c.idx = ? AND c.col = ? ORDER BY c.id',
      ),
      cellsOf: this.db.prepare<
        [number],
        {
          col: string;
          value: string | null;
          ok: number;
          error: string | null;
          raw: string | null;
          reasoning: string | null;
          logprobs: string | null;
          few_shot: string | null;
          sources: string | null;
          attempts: number;
          reason: string | null;
          safety: string | null;
        }
      >('SELECT col, value, ok, error, raw, reasoning, logprobs, few_shot, sources, attempts, reason, safety FROM cells WHERE idx = ?'),
    };
  }

  getMeta(key: string): string | undefined {
    return this.stmts.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  /**
   * Indexes of finished records that hold no failed cell (those a resume skips), ascending, as a
   * compact array: 4 bytes a record, so a resumed million-record run does not hold a Set of them.
   */
  finishedIndexes(): Int32Array {
    let out = new Int32Array(1024);
    let n = 0;
    const rows = this.db.prepare<[], number>(`SELECT idx FROM records r WHERE ${NO_FAILED_CELL} ORDER BY idx`).pluck().iterate();
    for (const idx of rows) {
      if (n === out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = idx;
    }
    return out.subarray(0, n);
  }

  /** Count and valid count of the records `finishedIndexes` lists. */
  finishedCounts(): { done: number; valid: number } {
    const row = this.db
      .prepare<[], { done: number; valid: number | null }>(`SELECT COUNT(*) AS done, SUM(valid) AS valid FROM records r WHERE ${NO_FAILED_CELL}`)
      .get()!;
    return { done: row.done, valid: row.valid ?? 0 };
  }

  /**
   * Records cut off by a stop: some cells or model calls finished, the record did not. Only these
   * can have replies waiting in the run's call cache, so only they look there.
   */
  partialIndexes(): Set<number> {
    return new Set(
      this.db
        .prepare<[], { idx: number }>('SELECT idx FROM cells UNION SELECT idx FROM calls EXCEPT SELECT idx FROM records')
        .all()
        .map((r) => r.idx),
    );
  }

  /**
   * Finished records holding a failed cell: a resume computes their failed cells again (a reply
   * that was already paid for is answered from this store, so only calls that never got a reply
   * cost anything).
   */
  recordsWithFailedCells(): Set<number> {
    return new Set(
      this.db
        .prepare<[], { idx: number }>('SELECT DISTINCT c.idx AS idx FROM cells c JOIN records r ON r.idx = c.idx WHERE c.ok = 0')
        .all()
        .map((r) => r.idx),
    );
  }

  /** Failed cells by column and reason, with the most frequent error, for the summary and exit code. */
  failuresByColumn(): { column: string; reason: string; count: number; example: string }[] {
    return this.db
      .prepare<[], { column: string; reason: string | null; error: string | null; count: number }>(
        'SELECT col AS column, reason, MIN(error) AS error, COUNT(*) AS count FROM cells WHERE ok = 0 GROUP BY col, reason ORDER BY count DESC',
      )
      .all()
      .map((r) => ({ column: r.column, reason: r.reason ?? reasonOf(r.error), count: r.count, example: r.error ?? '' }));
  }

  failedCellCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cells WHERE ok = 0').get()!.n;
  }

  counts(): { done: number; valid: number } {
    const row = this.db.prepare<[], { done: number; valid: number | null }>('SELECT COUNT(*) AS done, SUM(valid) AS valid FROM records').get()!;
    return { done: row.done, valid: row.valid ?? 0 };
  }

  /** Finished cells of an unfinished record, so a resumed record skips them. */
  cellsOf(idx: number): Map<string, CellRow> {
    const out = new Map<string, CellRow>();
    for (const r of this.stmts.cellsOf.all(idx)) {
      out.set(r.col, {
        idx,
        column: r.col,
        value: r.value === null ? null : JSON.parse(r.value),
        ok: r.ok === 1,
        error: r.error ?? undefined,
        raw: r.raw ?? undefined,
        reasoning: r.reasoning ?? undefined,
        logprobs: r.logprobs ? JSON.parse(r.logprobs) : undefined,
        fewShot: r.few_shot ? JSON.parse(r.few_shot) : undefined,
        sources: r.sources ? JSON.parse(r.sources) : undefined,
        attempts: r.attempts,
        reason: r.reason ?? undefined,
        safety: r.safety ? JSON.parse(r.safety) : undefined,
      });
    }
    return out;
  }

  /**
   * Replies already paid for by the given records (all records when none are given), by cache
   * key: a resumed run answers these calls from here. The calls table has no index on the key, so
   * recording a call stays a plain append; only a resume reads it back, once.
   */
  storedReplies(indexes?: Set<number>): Map<string, ModelResponse> {
    const out = new Map<string, ModelResponse>();
    const rows = this.db
      .prepare<[], { idx: number; key: string; response: string }>('SELECT idx, key, response FROM calls WHERE response IS NOT NULL')
      .iterate();
    for (const r of rows) if (!indexes || indexes.has(r.idx)) out.set(r.key, JSON.parse(r.response));
    return out;
  }

  /**
   * Records a model call; a fresh reply is stored with it (not one served from the shared cache,
   * which keeps it). The messages sent are kept in full in the prompts table, once per distinct
   * prompt (keyed by its hash), so a reviewer can read exactly what the model saw.
   */
  queueCall(call: CallRow, key: string, response?: ModelResponse, messages?: readonly ChatMessage[]): void {
    const text = response ? JSON.stringify(response) : null;
    const promptText = messages ? JSON.stringify(messages) : undefined;
    const promptHash = promptText === undefined ? null : hash('sha256', promptText, 'base64url');
    this.queue(() => {
      if (promptText !== undefined) this.stmts.putPrompt.run(promptHash, promptText);
      this.stmts.putCall.run(
        call.idx,
        call.column,
        call.model,
        call.inputTokens,
        call.outputTokens,
        call.cached ? 1 : 0,
        Math.round(call.ms),
        key,
        text,
        promptHash,
      );
    });
  }

  /**
   * The prompts sent for one cell (record index and column; -1 and the stage name for run-level
   * calls), oldest first: the first attempt, then each repair, with whether the reply came from a
   * cache. Calls made before prompts were kept have `messages` undefined.
   */
  promptsOf(idx: number, column: string): { callId: number; model: string; cached: boolean; messages?: ChatMessage[] }[] {
    this.flush();
    return this.stmts.promptsOf.all(idx, column).map((r) => ({
      callId: r.id,
      model: r.model,
      cached: r.cached === 1,
      messages: r.messages ? JSON.parse(r.messages) : undefined,
    }));
  }

  queueCell(cell: CellRow): void {
    const value = cell.value === undefined ? null : JSON.stringify(cell.value);
    const logprobs = cell.logprobs ? JSON.stringify(cell.logprobs) : null;
    const fewShot = cell.fewShot ? JSON.stringify(cell.fewShot) : null;
    const sources = cell.sources ? JSON.stringify(cell.sources) : null;
    this.queue(() =>
      this.stmts.putCell.run(
        cell.idx,
        cell.column,
        value,
        cell.ok ? 1 : 0,
        cell.error ?? null,
        cell.raw ?? null,
        cell.reasoning ?? null,
        logprobs,
        fewShot,
        sources,
        cell.attempts,
        cell.reason ?? null,
        cell.safety?.length ? JSON.stringify(cell.safety) : null,
      ),
    );
  }

  queueRecord(record: RecordRow): void {
    const data = JSON.stringify(record.data);
    const errors = JSON.stringify(record.errors);
    this.queue(() => this.stmts.putRecord.run(record.idx, data, record.valid ? 1 : 0, errors));
  }

  /** Records in index order; `validOnly` for until-valid runs. */
  *iterateRecords(filter: 'all' | 'valid' | 'invalid' = 'all'): Generator<RecordRow> {
    const where = filter === 'all' ? '' : filter === 'valid' ? 'WHERE valid = 1' : 'WHERE valid = 0';
    const stmt = this.db.prepare<[], { idx: number; data: string; valid: number; errors: string }>(
      `SELECT idx, data, valid, errors FROM records ${where} ORDER BY idx`,
    );
    for (const r of stmt.iterate()) {
      yield { idx: r.idx, data: JSON.parse(r.data), valid: r.valid === 1, errors: JSON.parse(r.errors) };
    }
  }

  usageByModel(): ModelUsage[] {
    return this.db
      .prepare<[], ModelUsage>(
        `SELECT model, COUNT(*) AS calls, SUM(cached) AS cachedCalls,
                SUM(CASE WHEN cached = 0 THEN input_tokens ELSE 0 END) AS inputTokens,
                SUM(CASE WHEN cached = 0 THEN output_tokens ELSE 0 END) AS outputTokens
         FROM calls GROUP BY model ORDER BY model`,
      )
      .all();
  }

  flush(): void {
    this.writes.flush();
  }

  /** Idempotent: the engine closes the store when a run ends, and so does whoever opened it. */
  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }

  private queue(write: () => void): void {
    this.writes.queue(write);
  }
}

/** Cells stored before reasons were recorded: tell a failed call from an unusable reply by the message. */
function reasonOf(error: string | null): string {
  return error?.startsWith('model call failed') ? 'call_failed' : 'invalid_reply';
}
