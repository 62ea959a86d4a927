/**
 * The rows a dataset export reads. Each format is written in one streaming pass, so a source
 * that can be read more than once is never held in memory: a run's export reads its records from
 * the run database once per format instead of loading a million of them.
 */

export type DatasetRow = Record<string, unknown>;

/**
 * Rows to export:
 * - an array, or any iterable whose `[Symbol.iterator]()` starts afresh each time (a Set, an
 *   object reading a database): read once per pass, never copied;
 * - a function returning a fresh iterable: called once per pass;
 * - a one-shot iterator (a generator object): it cannot be read twice, so it is read into an array
 *   first, as before streaming existed. Pass a function (`() => gen()`) to stream it instead.
 */
export type DatasetSource = Iterable<DatasetRow> | (() => Iterable<DatasetRow>);

/** A way to start a pass over the source's rows; each call reads them from the start. */
export type DatasetPasses = () => Iterable<DatasetRow>;

export function datasetPasses(source: DatasetSource): DatasetPasses {
  if (typeof source === 'function') return source;
  if (Array.isArray(source)) return () => source as DatasetRow[];
  // An iterator (it has next()) is consumed by its first pass: keep its rows for the others.
  if (typeof (source as Partial<Iterator<DatasetRow>>).next === 'function') {
    const rows = Array.from(source);
    return () => rows;
  }
  return () => source;
}

/** `rows` with each one passed to `see` just before it is yielded (a second consumer of one pass). */
export function* tap(rows: Iterable<DatasetRow>, see: (row: DatasetRow) => void): Generator<DatasetRow> {
  for (const row of rows) {
    see(row);
    yield row;
  }
}

/** `rows` with exactly `columns`, in order: other keys left out, a missing one null. */
export function* project(rows: Iterable<DatasetRow>, columns: readonly string[]): Generator<DatasetRow> {
  for (const row of rows) {
    const out: DatasetRow = {};
    for (const name of columns) out[name] = row[name] ?? null;
    yield out;
  }
}
