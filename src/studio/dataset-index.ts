/**
 * A read-only index of one dataset for the browser: the records (of a run's database, or of a
 * JSONL/Parquet file inside the run) copied into an in-memory SQLite with a full-text index, so
 * paging, sorting and filtering 100k records stays well under the 200 ms a click may take, and
 * the run's own database is never locked for it. Fields (two levels deep) become real columns,
 * so a filter compares values instead of parsing JSON per row; sorting on a field builds an index
 * the first time. PII findings are counted in the background after load.
 */
import Database from 'better-sqlite3';
import { readDataset } from '../store/read-dataset.js';
import { z } from 'zod';
import { scanPii as scanPiiText } from '../safety/pii/scan-pii.js';
import { StudioError } from './run-catalog.js';

export const FILTER_OPS = ['eq', 'ne', 'contains', 'gt', 'lt', 'empty', 'nonempty'] as const;

const fieldPath = z
  .string()
  .max(200)
  .regex(/^[\p{L}\p{N}_ -]+(\.[\p{L}\p{N}_ -]+)*$/u, 'a field path of letters, digits, _ and - joined by dots');

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
}

/** The pseudo-field the browser filters PII findings on. */
export const PII_FIELD = 'pii';

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

  private constructor(
    records: readonly Record<string, unknown>[],
    public signature: string,
  ) {
    const columns = new Set<string>();
    for (const record of records.slice(0, 2000)) for (const c of columnsOf(record)) columns.add(c);
    this.columns = [...columns].slice(0, MAX_COLUMNS);
    this.columnIndex = new Map(this.columns.map((c, i) => [c, i]));
    const cols = this.columns.map((_, i) => `, c${i}`).join('');
    this.db.exec(`
      CREATE TABLE rows (id INTEGER PRIMARY KEY, rid INTEGER, data TEXT NOT NULL, pii INTEGER${cols});
      CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail=none, tokenize='unicode61 remove_diacritics 2');`);
    const marks = this.columns.map(() => ', ?').join('');
    this.put = this.db.prepare(`INSERT INTO rows (id, rid, data, pii${cols}) VALUES (?, ?, ?, NULL${marks})`);
    this.putText = this.db.prepare('INSERT INTO fts (rowid, body) VALUES (?, ?)');
    this.paths = this.columns.map((c) => c.split('.'));
    this.insert(records);
  }

  private insert(records: readonly Record<string, unknown>[]): void {
    this.db.transaction(() => {
      for (const record of records) {
        const id = this.nextId++;
        const values = this.paths.map((p) => sqlValue(valueAt(record, p)));
        this.put.run(id, typeof record._id === 'number' ? record._id : id, JSON.stringify(record), ...values);
        this.putText.run(id, textOf(record).join('\n'));
      }
    })();
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

  static fromRecords(records: readonly Record<string, unknown>[], signature: string): DatasetIndex {
    return new DatasetIndex(records, signature);
  }

  static async fromFile(path: string, kind: 'jsonl' | 'parquet', signature: string): Promise<DatasetIndex> {
    return new DatasetIndex(kind === 'jsonl' ? await readJsonl(path) : await readParquet(path), signature);
  }

  get size(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM rows').get()!.n;
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

  /** Starts a scan of rows without PII counts unless one is running. */
  private requestPiiScan(): void {
    if (this.piiScanning) return;
    this.piiScanning = true;
    this.piiScan = (this.piiScan ?? Promise.resolve()).then(() => this.scanNewPii()).finally(() => (this.piiScanning = false));
  }

  private piiScanning = false;

  private async scanNewPii(sliceMs = 15): Promise<void> {
    const read = this.db.prepare<[number, number], { id: number; data: string }>('SELECT id, data FROM rows WHERE id >= ? AND pii IS NULL ORDER BY id LIMIT ?');
    const set = this.db.prepare('UPDATE rows SET pii = ? WHERE id = ?');
    let next = 0;
    for (;;) {
      if (!this.db.open) return;
      const started = performance.now();
      let batch = read.all(next, 200);
      if (batch.length === 0) return;
      while (batch.length && performance.now() - started < sliceMs) {
        this.db.transaction(() => {
          for (const r of batch) {
            let pii = 0;
            for (const s of textOf(JSON.parse(r.data))) pii += scanPiiText(s).length;
            set.run(pii, r.id);
            next = r.id + 1;
            this.piiDone++;
          }
        })();
        batch = read.all(next, 200);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  query(q: DatasetQuery): DatasetPage {
    const started = performance.now();
    const where: string[] = [];
    const params: unknown[] = [];
    const words = q.q ? ftsWords(q.q) : '';
    if (words) {
      where.push('id IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
      params.push(words);
    }
    if (q.field) {
      const expr = this.expr(q.field);
      const numeric = q.value !== undefined && q.value.trim() !== '' && Number.isFinite(Number(q.value));
      switch (q.op) {
        case 'eq':
          where.push(numeric ? `(${expr} = ? OR ${expr} = ?)` : `${expr} = ?`);
          params.push(...(numeric ? [Number(q.value), q.value] : [q.value ?? '']));
          break;
        case 'ne':
          where.push(`(${expr} IS NULL OR ${expr} != ?)`);
          params.push(numeric ? Number(q.value) : (q.value ?? ''));
          break;
        case 'contains':
          where.push(`CAST(${expr} AS TEXT) LIKE ? ESCAPE '\\'`);
          params.push(`%${(q.value ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
          break;
        case 'gt':
        case 'lt':
          where.push(`${expr} ${q.op === 'gt' ? '>' : '<'} ?`);
          params.push(numeric ? Number(q.value) : (q.value ?? ''));
          break;
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
      words && where.length === 1
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
    return { total, rows, columns: this.columns, ms: performance.now() - started };
  }

  /** One row by its position in the index. */
  row(id: number): Record<string, unknown> | undefined {
    const r = this.db.prepare<[number], { data: string }>('SELECT data FROM rows WHERE id = ?').get(id);
    return r ? JSON.parse(r.data) : undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Background work after load, a slice at a time between requests: an index per column (so a
   * first sort is as fast as the next), then the PII counts.
   */
  async warm(): Promise<void> {
    for (let i = 0; i < this.columns.length; i++) {
      if (!this.db.open) return;
      this.ensureSortIndex(`c${i}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.scanPii();
  }

  /** A materialized column where the field has one, else json_extract over the record. */
  private expr(field: string): string {
    if (field === PII_FIELD) {
      if (this.piiDone < this.nextId) this.requestPiiScan();
      return 'pii';
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

function valueAt(record: unknown, path: string[]): unknown {
  let v = record;
  for (const p of path) {
    if (!v || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

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

function textOf(record: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object' && !key.startsWith('_')) out.push(JSON.stringify(value));
  }
  return out;
}

/** A JSONL file's records; a line that is not a JSON object is a DatasetError naming the line. */
async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const record of readDataset(path)) out.push(record);
  return out;
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const { parquetReadObjects, asyncBufferFromFile } = await import('hyparquet');
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
  return rows.map((r) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>);
}
