/**
 * What the studio keeps for one run while it serves it: a read-only connection, progress
 * samples for the rate, the dataset indexes it built, the review records and queue, and the
 * review store it writes decisions through. Owned by one studio app (no module-level state).
 */
import type Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetIndex, fileBatches, type RecordBatches } from './dataset-index.js';
import { hasTable, openRunReadOnly } from './read-only-run.js';
import { listDatasetFiles, StudioError, type CatalogRun } from './run-catalog.js';
import type { CountsCache, RateSample } from './run-status.js';
import { ReviewStore } from '../review/review-store.js';
import { readReviewRecords, CURATED_ALL } from '../review/read-review-records.js';
import { buildReviewQueue, type QueueItem } from '../review/review-queue.js';

/** A large live run's index is rebuilt at most this often, the old one serving meanwhile. */
const REBUILD_MS = 3000;
/** Below this many records an index is rebuilt before answering (well under 100 ms). */
const SMALL = 20_000;
const GENERATED_TITLE = 'generated records';
/** A live run's index takes in new records at most this often. */
const LIVE_REFRESH_MS = 2000;
/** A first request waits this long for a dataset to load whole, then answers from what is in. */
const FIRST_WAIT_MS = 100;
/** Records read from the run database per batch while an index loads. */
const DB_BATCH = 500;

/** A dataset that could not be read, as the page says it (a bad line of a JSONL file names the line). */
function readError(title: string, error: unknown): StudioError {
  return new StudioError(`could not read ${title}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Signatures are `<records>:<review version>`: equal review parts mean only records were added. */
function sameReviews(a: string, b: string): boolean {
  return a.split(':')[1] === b.split(':')[1];
}

interface CachedIndex {
  index: DatasetIndex;
  title: string;
  builtAt: number;
  rebuilding?: Promise<void>;
  /** Record indexes in it (for the run database's live index). */
  ids?: Set<number>;
  /** Why loading stopped part way (shown once, then the dataset is read again). */
  failure?: unknown;
}

interface DatasetSource {
  signature: string;
  title: string;
  /** Starts loading; resolves once the first records are in (the index's `ready` says when all are). */
  open: () => Promise<{ index: DatasetIndex; ids?: Set<number> }>;
}

export class RunContext {
  readonly db: Database.Database;
  readonly samples: RateSample[] = [];
  readonly counts: { value?: CountsCache } = {};
  private readonly indexes = new Map<string, CachedIndex>();
  private opening = new Map<string, Promise<DatasetIndex>>();
  private reviewStore: ReviewStore | undefined;
  private review: { signature: string; records: Record<string, unknown>[]; byId: Map<number, Record<string, unknown>>; queue: QueueItem[] } | undefined;
  private trails: { mtime: number; byId: Map<number, unknown> } | undefined;

  constructor(readonly run: CatalogRun) {
    this.db = openRunReadOnly(run.dir);
  }

  files() {
    return listDatasetFiles(this.run.dir);
  }

  /** report.html files inside the run (two levels deep), by position. */
  reports(): string[] {
    const out: string[] = [];
    for (const rel of ['evaluation/report.html', 'curated/curated.evaluation/report.html', 'reviewed/reviewed.evaluation/report.html']) {
      if (existsSync(join(this.run.dir, rel))) out.push(rel);
    }
    return out;
  }

  /**
   * `src` is 'db' (the records table, live) or `f<N>` (the N-th dataset file). A dataset opened
   * for the first time loads in the background: the answer comes from the records in so far.
   */
  async index(src: string): Promise<{ index: DatasetIndex; title: string }> {
    const cached = this.indexes.get(src);
    if (cached?.failure !== undefined) {
      this.indexes.delete(src);
      cached.index.close();
      throw readError(cached.title, cached.failure);
    }
    // Still loading: nothing to compare yet.
    if (cached?.index.indexing) return { index: cached.index, title: cached.title };
    // While a generation writes, take in its records at most every LIVE_REFRESH_MS (not even counting them between).
    if (src === 'db' && cached && Date.now() - cached.builtAt < LIVE_REFRESH_MS && this.signatureCache?.version !== this.dataVersion()) {
      return { index: cached.index, title: GENERATED_TITLE };
    }
    const source = this.source(src);
    const { signature, title } = source;
    if (cached?.index.signature === signature) return { index: cached.index, title };
    if (src === 'db' && cached && sameReviews(cached.index.signature, signature)) {
      // A live generation: add the records committed since, at most every LIVE_REFRESH_MS, so a
      // studio watching a run costs it little (the bench holds this under 10% of wall time).
      if (Date.now() - cached.builtAt < LIVE_REFRESH_MS) return { index: cached.index, title };
      if (cached.index.append(this.newRecords(cached), signature)) {
        cached.builtAt = Date.now();
        return { index: cached.index, title };
      }
    }
    if (cached && cached.index.size < SMALL) return { index: await this.load(src, source, 'whole'), title };
    if (cached && Date.now() - cached.builtAt < REBUILD_MS) return { index: cached.index, title };
    if (cached) {
      // Serve the old index while a fresh one is built (a live generation adds records every second).
      cached.rebuilding ??= this.load(src, source, 'whole').then(
        () => undefined,
        () => undefined,
      );
      return { index: cached.index, title };
    }
    const index = await this.load(src, source, 'first');
    // A dataset known to be large answers at once from its first records; others get a moment to load whole.
    const expected = index.indexing?.expected;
    if (expected === undefined || expected <= SMALL)
      await Promise.race([index.ready.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, FIRST_WAIT_MS))]);
    return { index, title };
  }

  /**
   * Loads `src` into a fresh index. `first`: it serves as soon as its first records are in;
   * `whole`: it replaces the cached one only once complete (the old one serves meanwhile).
   */
  private load(src: string, source: DatasetSource, mode: 'first' | 'whole'): Promise<DatasetIndex> {
    const pending = this.opening.get(src);
    if (pending) return pending;
    const promise = (async () => {
      const { index, ids } = await source.open().catch((error: unknown) => {
        throw readError(source.title, error);
      });
      const entry: CachedIndex = { index, title: source.title, builtAt: Date.now(), ids };
      const loaded = index.ready.then(
        () => {
          entry.builtAt = Date.now();
          void index.warm();
        },
        (error: unknown) => {
          entry.failure = error;
        },
      );
      if (mode === 'whole') {
        await loaded;
        if (entry.failure !== undefined) {
          index.close();
          throw readError(source.title, entry.failure);
        }
      }
      const old = this.indexes.get(src);
      this.indexes.set(src, entry);
      // A request may still be reading the old index: close it a little later.
      if (old) setTimeout(() => old.index.close(), 10_000).unref();
      return index;
    })();
    this.opening.set(src, promise);
    promise.then(
      () => this.opening.delete(src),
      () => this.opening.delete(src),
    );
    return promise;
  }

  private source(src: string): DatasetSource {
    if (src === 'db') {
      const signature = this.recordsSignature();
      const expected = Number(signature.split(':')[0]);
      return {
        signature,
        title: GENERATED_TITLE,
        open: async () => {
          const ids = new Set<number>();
          return { index: await DatasetIndex.open(this.generatedBatches(ids), signature, { expected }), ids };
        },
      };
    }
    const m = /^f(\d+)$/.exec(src);
    const file = m ? this.files()[Number(m[1])] : undefined;
    if (!file) throw new StudioError(`no dataset '${src}' in this run`);
    const path = join(this.run.dir, file.rel);
    const st = statSync(path);
    const signature = `${st.size}:${st.mtimeMs}`;
    return { signature, title: file.rel, open: async () => ({ index: await DatasetIndex.open(fileBatches(path, file.kind), signature) }) };
  }

  /** Which dataset a report under `rel` evaluated: the file beside its folder (`x.evaluation/` for `x.jsonl`), else the run database. */
  sourceOfReport(rel: string): string {
    const m = /^(.*)\.evaluation\/report\.html$/.exec(rel);
    if (m) {
      const files = this.files();
      const i = files.findIndex((f) => f.rel === `${m[1]}.jsonl` || f.rel === `${m[1]}.parquet`);
      if (i >= 0) return `f${i}`;
    }
    return 'db';
  }

  private signatureCache: { version: number; signature: string } | undefined;

  /**
   * `<records>:<review version>`. Counting 100k records reads the whole table (about 100 ms), so
   * the count is taken again only when another connection committed since (PRAGMA data_version).
   */
  private recordsSignature(): string {
    const version = this.dataVersion();
    if (this.signatureCache?.version === version) return this.signatureCache.signature;
    const signature = this.countSignature();
    this.signatureCache = { version, signature };
    return signature;
  }

  /** Changes whenever another connection commits to the run database; reading it costs nothing. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private countSignature(): string {
    const n = this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM records').get()!.n;
    const r = hasTable(this.db, 'review_decisions')
      ? this.db.prepare<[], { v: number | null }>('SELECT MAX(id) + SUM(undone) AS v FROM review_decisions').get()!.v
      : 0;
    return `${n}:${r ?? 0}`;
  }

  /** Records committed since the cached index was built (by index, which a generation fills out of order). */
  private newRecords(cached: CachedIndex): Record<string, unknown>[] {
    const known = (cached.ids ??= new Set());
    const one = this.db.prepare<[number], { idx: number; data: string; valid: number; errors: string }>(
      'SELECT idx, data, valid, errors FROM records WHERE idx = ?',
    );
    const out: Record<string, unknown>[] = [];
    for (const { idx } of this.db.prepare<[], { idx: number }>('SELECT idx FROM records').iterate()) {
      if (known.has(idx)) continue;
      const r = one.get(idx);
      if (!r) continue;
      known.add(idx);
      out.push({ _id: r.idx, ...JSON.parse(r.data), _valid: r.valid === 1, _errors: JSON.parse(r.errors), _review: 'unreviewed' });
    }
    return out;
  }

  /**
   * The records table a batch at a time, with `_id`, `_valid`, `_errors` and people's verdict as
   * `_review`; the record indexes read go into `ids`.
   */
  private async *generatedBatches(ids: Set<number>): RecordBatches {
    const verdicts = new Map<number, { status: string; edited: boolean }>();
    if (hasTable(this.db, 'review_decisions')) {
      for (const d of this.db
        .prepare<[], { run_idx: number; action: string }>('SELECT run_idx, action FROM review_decisions WHERE undone = 0 ORDER BY id')
        .iterate()) {
        const v = verdicts.get(d.run_idx) ?? { status: 'unreviewed', edited: false };
        if (d.action === 'accept') v.status = 'accepted';
        else if (d.action === 'reject') v.status = 'rejected';
        else v.edited = true;
        verdicts.set(d.run_idx, v);
      }
    }
    const read = this.db.prepare<[number, number], { idx: number; data: string; valid: number; errors: string }>(
      'SELECT idx, data, valid, errors FROM records WHERE idx > ? ORDER BY idx LIMIT ?',
    );
    let after = -1;
    for (;;) {
      if (!this.db.open) return;
      const rows = read.all(after, DB_BATCH);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].idx;
      for (const r of rows) ids.add(r.idx);
      yield rows.map((r) => ({
        _id: r.idx,
        ...JSON.parse(r.data),
        _valid: r.valid === 1,
        _errors: JSON.parse(r.errors),
        _review: verdicts.get(r.idx)?.status ?? 'unreviewed',
      }));
    }
  }

  /** The writable review store (opened on the first decision). */
  store(): ReviewStore {
    this.reviewStore ??= new ReviewStore(this.run.dir);
    return this.reviewStore;
  }

  /** Records under review and the uncertainty-ordered queue, recomputed when the run's data changes. */
  async reviewData() {
    const curated = join(this.run.dir, CURATED_ALL);
    const aux = hasTable(this.db, 'aux_labels') ? this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM aux_labels').get()!.n : 0;
    const signature = `${this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM records').get()!.n}:${existsSync(curated) ? statSync(curated).mtimeMs : 0}:${aux}`;
    if (this.review?.signature !== signature) {
      const records = await readReviewRecords(this.run.dir, this.db);
      // The queue is ordered once; reviewed records are skipped when an item is asked for.
      this.review = { signature, records, byId: new Map(records.map((r) => [Number(r._id), r])), queue: buildReviewQueue(records, new Set()) };
    }
    return this.review;
  }

  /** Judge rationales and each stage's verdict from curated/decisions.json, by record id. */
  trail(id: number): unknown {
    const file = join(this.run.dir, 'curated', 'decisions.json');
    if (!existsSync(file)) return undefined;
    const mtime = statSync(file).mtimeMs;
    if (this.trails?.mtime !== mtime) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { records?: { id: unknown; trail: unknown }[] };
      this.trails = { mtime, byId: new Map((parsed.records ?? []).map((r) => [Number(r.id), r.trail])) };
    }
    return this.trails.byId.get(id);
  }

  close(): void {
    for (const c of this.indexes.values()) c.index.close();
    this.reviewStore?.close();
    this.db.close();
  }
}
