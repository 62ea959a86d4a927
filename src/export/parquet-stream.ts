/**
 * The nested Parquet file (nested-parquet.ts) written row group by row group, so only one group of
 * rows (ROW_GROUP_SIZE) and its encoded bytes are in memory at a time, whatever the dataset's size.
 * The bytes go through an atomic writer: the file appears complete or not at all.
 *
 * The schema has to be fixed before the first row group is written, yet the in-memory writer
 * infers each column's type from every value, and a type decided early can be wrong later (a
 * column null in the first 10,000 rows and integers after; a string column that meets an object).
 * Parquet holds one schema per file, so a column cannot switch to JSON text from one row group on,
 * and writing the misfit cell alone differently (as null, or as JSON text inside a typed column)
 * would lose or garble data. So:
 * - the schema comes from a pass over all rows when one was already made (writeDatasetFiles
 *   gathers the types while it writes JSONL or CSV, at no extra read), else from the first row
 *   group;
 * - every row is checked against it while it is written (the type of each value is folded in, as
 *   the in-memory writer does; checking costs a comparison only when a type widens);
 * - a row that does not fit discards the file; the rest of the rows are read for their types only,
 *   and the file is written again with the types of all rows, i.e. the column falls back to JSON
 *   text (or DOUBLE, or a wider struct) exactly as the in-memory writer would have typed it.
 * The result is the same schema as nestedParquetBuffer for the same rows, whatever the row group
 * boundaries; a second pass is paid only when the first row group did not show every shape.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { createAtomicWriter, type AtomicWriter } from '../core/write-atomic.js';
import type { DatasetPasses, DatasetRow } from './dataset-source.js';
import { CREATED_BY, nestedParquetSchema, parquetColumnData, type NestedParquetOptions } from './nested-parquet.js';
import { ColumnTypes, widen, type NestedType } from './nested-types.js';
import { ExportError } from './training/export-error.js';

/** Rows per row group: a group's rows, their column arrays and its encoded bytes are what is held. */
export const ROW_GROUP_SIZE = 10_000;
/** Passes before giving up on a source whose rows keep changing between passes. */
const MAX_PASSES = 3;

export interface ParquetStreamOptions extends NestedParquetOptions {
  /** The columns, in order (a missing key is null). Default: every key, in first-seen order. */
  columns?: readonly string[];
  /**
   * Settled column types from a pass over the same rows (ColumnTypes.settled()). Without them
   * the first row group decides the schema, and a later row that does not fit costs a second pass.
   */
  types?: ReadonlyMap<string, NestedType>;
  /** Rows per row group (default ROW_GROUP_SIZE). */
  rowGroupSize?: number;
}

type Schema = ParquetStreamSchema;

const STRING: NestedType = { kind: 'string' };

/** The columns and settled types a file was written with. */
export interface ParquetStreamSchema {
  columns: readonly string[];
  types: ReadonlyMap<string, NestedType>;
}

/** Writes the rows of `passes()` to `path` as nested Parquet, one row group at a time; returns the schema used. */
export async function writeParquetStream(path: string, passes: DatasetPasses, options: ParquetStreamOptions = {}): Promise<ParquetStreamSchema> {
  let planned: Schema | undefined = options.types && { columns: options.columns ?? [...options.types.keys()], types: options.types };
  for (let pass = 1; ; pass++) {
    const result = await writePass(path, passes(), planned, options);
    if (result.written) return result.written;
    if (pass >= MAX_PASSES) {
      throw new ExportError(
        `${path}: the rows changed between ${MAX_PASSES} passes over them (their column types kept widening); export from a source that reads the same rows each time`,
      );
    }
    planned = result.widened;
  }
}

/**
 * One pass: writes the file with `planned` (or the first group's schema) and returns that schema
 * as `written`, or, when a row does not fit, discards the file and returns the schema of all the
 * pass's rows as `widened`.
 */
async function writePass(
  path: string,
  rows: Iterable<DatasetRow>,
  planned: Schema | undefined,
  options: ParquetStreamOptions,
): Promise<{ written: Schema; widened?: undefined } | { written?: undefined; widened: Schema }> {
  const groupSize = options.rowGroupSize ?? ROW_GROUP_SIZE;
  const seen = new ColumnTypes(options.columns);
  let schema = planned;
  let file: ParquetFile | undefined;
  let group: DatasetRow[] = [];
  let fits = true;
  try {
    for (const row of rows) {
      // Types only widen, so once every type seen fits the schema, every row so far does.
      if (seen.add(row) && schema !== undefined && fits) fits = fitsIn(seen, schema);
      if (!fits) continue; // read on for the types only: the next pass needs all of them
      group.push(row);
      if (group.length < groupSize) continue;
      schema ??= schemaOf(seen);
      file ??= new ParquetFile(path, schema, options);
      await file.writeGroup(group);
      group = [];
    }
    if (!fits) {
      await file?.abort();
      return { widened: schemaOf(seen) };
    }
    schema ??= schemaOf(seen);
    file ??= new ParquetFile(path, schema, options);
    if (group.length > 0) await file.writeGroup(group);
    await file.close();
    return { written: schema };
  } catch (error) {
    await file?.abort();
    throw error;
  }
}

function schemaOf(seen: ColumnTypes): Schema {
  return { columns: seen.columns(), types: seen.settled() };
}

/** Whether every column seen so far is in the schema with a type that holds what was seen. */
function fitsIn(seen: ColumnTypes, schema: Schema): boolean {
  for (const name of seen.columns()) {
    const type = schema.types.get(name) ?? (schema.columns.includes(name) ? STRING : undefined);
    if (type === undefined || widen(type, seen.typeOf(name)) !== type) return false;
  }
  return true;
}

/** One Parquet file being written: the writer of hyparquet-writer over an atomic file. */
class ParquetFile {
  private readonly out: AtomicWriter;
  private readonly writer: ParquetWriter;

  constructor(
    path: string,
    private readonly schema: Schema,
    options: NestedParquetOptions,
  ) {
    this.out = createAtomicWriter(path);
    const { schema: elements, kvMetadata } = nestedParquetSchema(schema.columns, schema.types, options);
    this.writer = new ParquetWriter({ writer: new AtomicSink(this.out), schema: elements, kvMetadata, createdBy: CREATED_BY });
  }

  /** Encodes `rows` as one row group and waits until its bytes are handed to the file. */
  async writeGroup(rows: readonly DatasetRow[]): Promise<void> {
    const columnData = this.schema.columns.map((name) => parquetColumnData(rows, name, this.schema.types.get(name) ?? STRING));
    await this.writer.write({ columnData, rowGroupSize: rows.length });
  }

  /** Writes the footer (schema, row groups, metadata) and renames the file into place. */
  async close(): Promise<void> {
    await this.writer.finish();
    await this.out.close();
  }

  async abort(): Promise<void> {
    await this.out.abort();
  }
}

/**
 * hyparquet-writer's in-memory writer, emptied into the atomic file after each row group
 * (ParquetWriter calls flush() then, and waits for it) and at the end, so it holds one group's bytes.
 */
class AtomicSink extends ByteWriter {
  constructor(private readonly out: AtomicWriter) {
    super(64 * 1024);
  }

  flush(): Promise<void> {
    if (this.index === 0) return Promise.resolve();
    // A copy: the buffer is written over by the next group while the file write may be pending.
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.out.write(bytes);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}
