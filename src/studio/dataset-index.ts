/**
 * A read-only index of one dataset for the browser: the records (of a run's database, or of a
 * JSONL/Parquet file inside the run) copied into an in-memory SQLite with a full-text index, so
 * paging, sorting and filtering 100k records stays well under the 200 ms a click may take, and
 * the run's own database is never locked for it. Fields (two levels deep) become real columns,
 * so a filter compares values instead of parsing JSON per row; the first columns are indexed as
 * rows go in (sorting on another builds its index the first time).
 *
 * Loading never holds the event loop for long: records go in a few milliseconds at a time, with
 * requests served between slices from the rows already in (the page says how far loading got),
 * so a request made while 100k records are indexed still answers in well under 200 ms. PII
 * findings are counted the same way once loading is done.
 */
import Database from 'better-sqlite3';
import { getPath } from '../core/field-path.js';
import { readDataset } from '../store/read-dataset.js';
import { z } from 'zod';
import { scanPii as scanPiiText } from '../safety/pii/scan-pii.js';
import { StudioError } from './run-catalog.js';

export const FILTER_OPS = ['eq', 'ne', 'contains', 'gt', 'lt', 'between', 'empty', 'nonempty'] as const;

const fieldPath = z
  .string()
  .max(200)
  .regex(/^[\p{L}\p{N}_ -]+(\.[\p{L}\p{N}_ -]+)*$/u, 'a field path of letters, digits, _ and - joined by dots');

/** Whether the browser can filter on `field` (a dotted path of letters, digits, _, - and spaces). */
export function isFieldPath(field: string): boolean {
  return fieldPath.safeParse(field).success;
}

export const datasetQuerySchema = z.object({
  page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  size: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.union([fieldPath, z.literal('')]).optional(),
  dir: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().max(500).optional(),
  field: z.union([fieldPath, z.literal('')]).optional(),
  op: z.enum(FILTER_OPS).default('eq'),
  value: z.string().max(1000).optional(),
});
export type DatasetQuery = z.infer<typeof datasetQuerySchema>;

export interface DatasetPage {
  total: number;
  rows: { id: number; rid: number; record: Record<string, unknown>; pii: number }[];
  columns: string[];
  ms: number;
  /** Set while records are still going in: the page covers the `loaded` ones so far. */
  indexing?: IndexProgress;
}

export interface IndexProgress {
  loaded: number;
  /** Records the source holds, where known before reading it (a run's database). */
  expected?: number;
}

/** Records as a source yields them, a batch at a time. */
export type RecordBatches = AsyncIterable<readonly Record<string, unknown>[]>;

/** The pseudo-field the browser filters PII findings on (their number). */
export const PII_FIELD = 'pii';
/** The pseudo-field for the kinds of PII found (`pii_type eq email`). */
export const PII_TYPE_FIELD = 'pii_type';

/** Records read before the columns are chosen. */
const HEAD = 2000;
/** Records in before a first request is answered (the rest follow in the background). */
const FIRST_ANSWER = 500;
/** Longest stretch loading or scanning holds the event loop before letting requests in. */
const SLICE_MS = 8;
/** Rows without PII counts that a PII filter scans before answering (~0.15 ms each); more are scanned in the background. */
const PII_NOW = 300;
/** Searches whose matches are kept (matchTable). */
const MATCH_TABLES = 8;
/** Columns indexed while rows go in (later ones get an index when first sorted on). */
const INDEXED_COLUMNS = 16;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DatasetIndex {
  private readonly db = new Database(':memory:');
  private readonly sortIndexes = new Set<string>();
  /** Field paths, in table column order (c0, c1, ...). */
  readonly columns: string[];
  private readonly columnIndex: Map<string, number>;
  private piiDone = 0;
  private piiScan: Promise<void> | undefined;
  private readonly put;
  private readonly putText;
  private readonly paths: string[][];
  private nextId = 0;
  private progress: IndexProgress | undefined;
  private readonly matches = new Map<string, { table: string; count: number; rows: number }>();
  private matchSeq = 0;
  /** Settles when every record of the source is in (at once for an index made from records). */
  ready: Promise<void> = Promise.resolve();

  /** `head`: the first records, which choose the columns (they are not inserted here). */
  private constructor(
    head: readonly Record<string, unknown>[],
    public signature: string,
  ) {
    const columns = new Set<string>();
    for (const record of head.slice(0, HEAD)) for (const c of columnsOf(record)) columns.add(c);
    this.columns = [...columns].slice(0, MAX_COLUMNS);
    this.columnIndex = new Map(this.columns.map((c, i) => [c, i]));
    const cols = this.columns.map((_, i) => `, c${i}`).join('');
    this.db.exec(`
      CREATE TABLE rows (id INTEGER PRIMARY KEY, rid INTEGER, data TEXT NOT NULL, pii INTEGER, pii_types TEXT${cols});
      CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail=none, tokenize='unicode61 remove_diacritics 2');`);
    // Indexes made on the empty table grow with it a slice at a time; made after loading, each
    // CREATE INDEX over 100k rows would hold every request for a few hundred milliseconds.
    for (let i = 0; i < Math.min(INDEXED_COLUMNS, this.columns.length); i++) this.ensureSortIndex(`c${i}`);
    const marks = this.columns.map(() => ', ?').join('');
    this.put = this.db.prepare(`INSERT INTO rows (id, rid, data, pii${cols}) VALUES (?, ?, ?, NULL${marks})`);
    this.putText = this.db.prepare('INSERT INTO fts (rowid, body) VALUES (?, ?)');
    this.paths = this.columns.map((c) => c.split('.'));
  }

  private insertOne(record: Record<string, unknown>): void {
    const id = this.nextId++;
    const values = this.paths.map((p) => sqlValue(getPath(record, p)));
    this.put.run(id, typeof record._id === 'number' ? record._id : id, JSON.stringify(record), ...values);
    this.putText.run(id, textOf(record).join('\n'));
  }

  private insert(records: readonly Record<string, unknown>[]): void {
    this.db.transaction(() => {
      for (const record of records) this.insertOne(record);
    })();
  }

  /** Inserts records a slice of SLICE_MS at a time, letting requests in between. */
  private async insertSliced(records: readonly Record<string, unknown>[]): Promise<void> {
    let at = 0;
    while (at < records.length) {
      await yieldToRequests();
      if (!this.db.open) return;
      const started = performance.now();
      this.db.transaction(() => {
        while (at < records.length && performance.now() - started < SLICE_MS) {
          const end = Math.min(records.length, at + 32);
          for (; at < end; at++) this.insertOne(records[at]);
        }
      })();
      if (this.progress) this.progress.loaded = this.nextId;
    }
  }

  /**
   * Adds records a live generation committed since the index was built. Returns false when they
   * bring fields the (still small) index has no column for: then a rebuild is cheap and better.
   */
  append(records: readonly Record<string, unknown>[], signature: string): boolean {
    if (this.nextId < 2000 && records.some((r) => columnsOf(r).some((c) => !this.columnIndex.has(c)))) return false;
    this.insert(records);
    this.signature = signature;
    // New rows get their PII counts when shown, or when a query asks about PII (requestPiiScan):
    // scanning every record a generation commits would slow the generation being watched.
    return true;
  }

  /** An index of records in memory, all inserted before it returns. */
  static fromRecords(records: readonly Record<string, unknown>[], signature: string): DatasetIndex {
    const index = new DatasetIndex(records, signature);
    index.insert(records);
    return index;
  }

  /**
   * An index over a source read in the background: returns once the first records are in (the
   * columns chosen from the first HEAD, FIRST_ANSWER of them inserted), with `ready` settling when
   * the last is (rejecting when the source fails part way, e.g. a line of a JSONL file that is not
   * JSON). Until then queries answer from the rows loaded so far and say so (`DatasetPage.indexing`).
   */
  static async open(batches: RecordBatches, signature: string, options: { expected?: number } = {}): Promise<DatasetIndex> {
    const iterator = batches[Symbol.asyncIterator]();
    const head: Record<string, unknown>[] = [];
    let rest: readonly Record<string, unknown>[] = [];
    let done = false;
    while (head.length < HEAD) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const take = Math.min(next.value.length, HEAD - head.length);
      for (let i = 0; i < take; i++) head.push(next.value[i]);
      rest = next.value.slice(take);
    }
    const index = new DatasetIndex(head, signature);
    index.progress = { loaded: 0, expected: options.expected };
    try {
      await index.insertSliced(head.slice(0, FIRST_ANSWER));
    } catch (error) {
      index.close();
      throw error;
    }
    index.ready = (async () => {
      try {
        await index.insertSliced(head.slice(FIRST_ANSWER));
        await index.insertSliced(rest);
        while (!done && index.db.open) {
          const next = await iterator.next();
          done = next.done === true;
          if (!done) await index.insertSliced(next.value);
        }
      } finally {
        index.progress = undefined;
        // Closed part way: let the source close its file.
        if (!done) await iterator.return?.().catch(() => undefined);
      }
    })();
    return index;
  }

  /** How far loading got; undefined once every record is in. */
  get indexing(): IndexProgress | undefined {
    return this.progress ? { ...this.progress } : undefined;
  }

  get size(): number {
    return this.nextId;
  }

  /** Share of records scanned for PII so far (the scan runs in slices beside requests). */
  get piiProgress(): number {
    const n = this.size;
    return n === 0 ? 1 : this.piiDone / n;
  }

  /**
   * Counts PII findings of every record, a slice at a time (PII recognizers cost about 0.15 ms a
   * record; 100k records at once would stall every request for seconds).
   */
  scanPii(): Promise<void> {
    this.piiScan ??= this.scanNewPii();
    return this.piiScan;
  }

  /** For a filter or sort on PII: counts now when few rows lack them (a small dataset), else in the background. */
  private needPii(): void {
    if (this.piiDone >= this.nextId) return;
    if (this.nextId - this.piiDone > PII_NOW) {
      this.requestPiiScan();
      return;
    }
    const rows = this.db.prepare<[], { id: number; data: string }>('SELECT id, data FROM rows WHERE pii IS NULL').all();
    const set = this.db.prepare('UPDATE rows SET pii = ?, pii_types = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const r of rows) {
        const { count, types } = piiOf(JSON.parse(r.data));
        set.run(count, types, r.id);
        this.piiDone++;
      }
    })();
  }

  /** Starts a scan of rows without PII counts unless one is running. */
  private requestPiiScan(): void {
    if (this.piiScanning) return;
    this.piiScanning = true;
    this.piiScan = (this.piiScan ?? Promise.resolve()).then(() => this.scanNewPii()).finally(() => (this.piiScanning = false));
  }

  private piiScanning = false;

  private async scanNewPii(sliceMs = SLICE_MS): Promise<void> {
    const read = this.db.prepare<[number, number], { id: number; data: string }>('SELECT id, data FROM rows WHERE id >= ? AND pii IS NULL ORDER BY id LIMIT ?');
    const set = this.db.prepare('UPDATE rows SET pii = ?, pii_types = ? WHERE id = ?');
    let next = 0;
    for (;;) {
      if (!this.db.open) return;
      const started = performance.now();
      let batch = read.all(next, 50);
      if (batch.length === 0) return;
      while (batch.length && performance.now() - started < sliceMs) {
        this.db.transaction(() => {
          for (const r of batch) {
            const { count, types } = piiOf(JSON.parse(r.data));
            set.run(count, types, r.id);
            next = r.id + 1;
            this.piiDone++;
          }
        })();
        batch = read.all(next, 50);
      }
      await yieldToRequests();
    }
  }

  query(q: DatasetQuery): DatasetPage {
    const started = performance.now();
    const where: string[] = [];
    const params: unknown[] = [];
    const words = q.q ? ftsWords(q.q) : '';
    const matched = words && !this.progress ? this.matchTable(words) : undefined;
    if (matched) where.push(`id IN (SELECT id FROM temp.${matched.table})`);
    else if (words) {
      where.push('id IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
      params.push(words);
    }
    if (q.field === PII_TYPE_FIELD) {
      this.piiTypeFilter(q, where, params);
    } else if (q.field) {
      const expr = this.expr(q.field);
      const numeric = q.value !== undefined && q.value.trim() !== '' && Number.isFinite(Number(q.value));
      switch (q.op) {
        case 'eq':
          if (q.value === 'true' || q.value === 'false') {
            // Booleans are held as 1/0 (an attribute's report counts them as "true"/"false").
            where.push(`(${expr} = ? OR ${expr} = ?)`);
            params.push(q.value, q.value === 'true' ? 1 : 0);
          } else {
            where.push(numeric ? `(${expr} = ? OR ${expr} = ?)` : `${expr} = ?`);
            params.push(...(numeric ? [Number(q.value), q.value] : [q.value ?? '']));
          }
          break;
        case 'ne':
          where.push(`(${expr} IS NULL OR ${expr} != ?)`);
          params.push(numeric ? Number(q.value) : (q.value ?? ''));
          break;
        case 'contains':
          where.push(`CAST(${expr} AS TEXT) LIKE ? ESCAPE '\\'`);
          params.push(`%${likeText(q.value ?? '')}%`);
          break;
        case 'gt':
        case 'lt':
          where.push(`${expr} ${q.op === 'gt' ? '>' : '<'} ?`);
          params.push(numeric ? Number(q.value) : (q.value ?? ''));
          break;
        case 'between': {
          // `lo..hi`: lo <= value < hi, numbers only; either end may be left open (`3..`, `..2.5`).
          const { lo, hi } = parseRange(q.value ?? '');
          where.push(`typeof(${expr}) IN ('integer', 'real')`);
          if (lo !== undefined) {
            where.push(`${expr} >= ?`);
            params.push(lo);
          }
          if (hi !== undefined) {
            where.push(`${expr} < ?`);
            params.push(hi);
          }
          break;
        }
        case 'empty':
          where.push(`(${expr} IS NULL OR ${expr} = '' OR ${expr} = 0 OR ${expr} = '[]')`);
          break;
        case 'nonempty':
          where.push(`NOT (${expr} IS NULL OR ${expr} = '' OR ${expr} = 0 OR ${expr} = '[]')`);
          break;
      }
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    let order = 'id';
    if (q.sort) {
      const expr = this.expr(q.sort);
      this.ensureSortIndex(expr);
      // One direction for both keys, so the index serves the order without a sort.
      order = q.dir === 'desc' ? `${expr} DESC, id DESC` : `${expr} ASC, id ASC`;
    }
    const total =
      matched && where.length === 1
        ? matched.count
        : words && where.length === 1
          ? this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM fts WHERE fts MATCH ?').get(words)!.n
          : this.db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM rows ${whereSql}`).get(...params)!.n;
    // Order and page over ids alone, then read the page's records: sorting whole rows (their
    // JSON) costs several times more when a filter leaves tens of thousands of them.
    const ids = this.db
      .prepare<unknown[], { id: number }>(`SELECT id FROM rows ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, q.size, q.page * q.size)
      .map((r) => r.id);
    const byId = new Map(
      this.db
        .prepare<unknown[], { id: number; rid: number; data: string; pii: number | null }>(
          `SELECT id, rid, data, pii FROM rows WHERE id IN (${ids.map(() => '?').join(',')})`,
        )
        .all(...ids)
        .map((r) => [r.id, r]),
    );
    const rows = ids
      .map((id) => byId.get(id)!)
      .map((r) => {
        const record = JSON.parse(r.data) as Record<string, unknown>;
        // Rows shown before the background scan reached them are scanned now (50 rows: a few ms).
        const pii = r.pii ?? textOf(record).reduce((n, s) => n + scanPiiText(s).length, 0);
        return { id: r.id, rid: r.rid, record, pii };
      });
    return { total, rows, columns: this.columns, ms: performance.now() - started, indexing: this.indexing };
  }

  /**
   * The ids a search matches, kept in a temporary table for the next requests with the same words
   * (paging or sorting a search that matches most of 100k records would otherwise run the match
   * twice a request, ~100 ms). The last MATCH_TABLES searches are kept, each until rows are added.
   */
  private matchTable(words: string): { table: string; count: number } {
    const hit = this.matches.get(words);
    if (hit && hit.rows === this.nextId) {
      this.matches.delete(words);
      this.matches.set(words, hit);
      return hit;
    }
    if (hit) this.dropMatch(words);
    const table = `match_${this.matchSeq++}`;
    this.db.exec(`CREATE TEMP TABLE ${table} (id INTEGER PRIMARY KEY)`);
    const count = this.db.prepare(`INSERT INTO temp.${table} (id) SELECT rowid FROM fts WHERE fts MATCH ?`).run(words).changes;
    const entry = { table, count, rows: this.nextId };
    this.matches.set(words, entry);
    for (const oldest of this.matches.keys()) {
      if (this.matches.size <= MATCH_TABLES) break;
      this.dropMatch(oldest);
    }
    return entry;
  }

  private dropMatch(words: string): void {
    const entry = this.matches.get(words);
    if (!entry) return;
    this.matches.delete(words);
    this.db.exec(`DROP TABLE IF EXISTS temp.${entry.table}`);
  }

  /** `pii_type`: the kinds of PII a record holds, as ` email phone ` (so LIKE '% email %' finds one). */
  private piiTypeFilter(q: DatasetQuery, where: string[], params: unknown[]): void {
    this.needPii();
    const value = (q.value ?? '').trim().toLowerCase();
    switch (q.op) {
      case 'eq':
      case 'contains':
        where.push(`pii_types LIKE ? ESCAPE '\\'`);
        params.push(q.op === 'eq' ? `% ${likeText(value)} %` : `%${likeText(value)}%`);
        return;
      case 'ne':
        where.push(`(pii_types IS NULL OR pii_types NOT LIKE ? ESCAPE '\\')`);
        params.push(`% ${likeText(value)} %`);
        return;
      case 'empty':
        where.push(`(pii_types IS NULL OR pii_types = ' ')`);
        return;
      case 'nonempty':
        where.push(`pii_types != ' '`);
        return;
      default:
        throw new StudioError(`${PII_TYPE_FIELD} takes eq, ne, contains, empty or nonempty (a kind of PII such as email)`);
    }
  }

  /** One row by its position in the index. */
  row(id: number): Record<string, unknown> | undefined {
    const r = this.db.prepare<[number], { data: string }>('SELECT data FROM rows WHERE id = ?').get(id);
    return r ? JSON.parse(r.data) : undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Background work after load, a slice at a time between requests: the PII counts. */
  async warm(): Promise<void> {
    await this.scanPii();
  }

  /** A materialized column where the field has one, else json_extract over the record. */
  private expr(field: string): string {
    if (field === PII_FIELD || field === PII_TYPE_FIELD) {
      this.needPii();
      return field === PII_FIELD ? 'pii' : 'pii_types';
    }
    const i = this.columnIndex.get(field);
    return i === undefined ? jsonExpr(field) : `c${i}`;
  }

  private ensureSortIndex(expr: string): void {
    if (this.sortIndexes.has(expr)) return;
    this.db.exec(`CREATE INDEX IF NOT EXISTS sort_${this.sortIndexes.size} ON rows (${expr})`);
    this.sortIndexes.add(expr);
  }
}

const MAX_COLUMNS = 120;

/** A value as SQLite holds it: numbers and strings as they are, booleans as 0/1, the rest as JSON. */
function sqlValue(v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return JSON.stringify(v);
}

/** `json_extract(data, '$."a"."b"')`: the path was checked against fieldPath, so it holds no quote. */
function jsonExpr(path: string): string {
  const parsed = fieldPath.safeParse(path);
  if (!parsed.success) throw new StudioError(`field '${path}': ${parsed.error.issues[0].message}`);
  return `json_extract(data, '$${path
    .split('.')
    .map((p) => `."${p}"`)
    .join('')}')`;
}

/**
 * The user's words as FTS5 terms, all required. Only letters and digits pass, each word quoted,
 * so no FTS5 syntax gets through (and single-token terms need no positions: detail=none).
 */
function ftsWords(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w}"`).join(' ');
}

/** Top-level fields, and the fields of nested objects two levels down (`_signals.judge.score`). */
function columnsOf(record: Record<string, unknown>, prefix = '', depth = 0): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (!/^[\p{L}\p{N}_ -]+$/u.test(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value) && depth < 2) out.push(...columnsOf(value as Record<string, unknown>, path, depth + 1));
    else out.push(path);
  }
  return out;
}

/** `lo..hi` with either end optional; each end a number. */
function parseRange(value: string): { lo?: number; hi?: number } {
  const at = value.indexOf('..');
  const ends = at < 0 ? undefined : [value.slice(0, at).trim(), value.slice(at + 2).trim()];
  const num = (s: string) => (s === '' ? undefined : Number(s));
  const [lo, hi] = ends ? ends.map(num) : [Number.NaN, Number.NaN];
  if ((lo !== undefined && !Number.isFinite(lo)) || (hi !== undefined && !Number.isFinite(hi)) || (lo === undefined && hi === undefined))
    throw new StudioError(`between takes lo..hi (lo <= value < hi; either end may be left out), not '${value}'`);
  return { lo, hi };
}

/** Text for a LIKE pattern, its wildcards escaped with a backslash. */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A record's PII findings: how many, and their kinds as ` email phone ` (a single space: none). */
function piiOf(record: Record<string, unknown>): { count: number; types: string } {
  let count = 0;
  const types = new Set<string>();
  for (const s of textOf(record))
    for (const span of scanPiiText(s)) {
      count++;
      types.add(span.type);
    }
  return { count, types: ` ${[...types].sort().join(' ')}${types.size ? ' ' : ''}` };
}

function textOf(record: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object' && !key.startsWith('_')) out.push(JSON.stringify(value));
  }
  return out;
}

/** A JSONL or Parquet file's records in batches; a line that is not a JSON object is a DatasetError naming the line. */
export async function* fileBatches(path: string, kind: 'jsonl' | 'parquet', size = 500): RecordBatches {
  if (kind === 'parquet') {
    const rows = await readParquet(path);
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    return;
  }
  let batch: Record<string, unknown>[] = [];
  for await (const record of readDataset(path)) {
    batch.push(record);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const { parquetReadObjects, asyncBufferFromFile } = await import('hyparquet');
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
  return rows.map((r) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>);
}
