/**
 * CSV export following RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): CRLF record ends
 * (section 2.1), a header row, and a field quoted only when it holds a comma, a double quote, CR or
 * LF, with inner quotes doubled (sections 2.6, 2.7). Written through an atomic writer.
 */
import { createAtomicWriter } from '../core/write-atomic.js';
import { datasetPasses, type DatasetSource } from './dataset-source.js';

export interface CsvOptions {
  /**
   * Prefix a text cell that starts with = + - @ (or tab / CR) with a single quote, so a spreadsheet
   * opening the file shows it as text instead of running it as a formula (OWASP, "CSV Injection").
   * Off by default: these files feed training stacks (pandas, datasets, pyarrow), which read the
   * quote as part of the value, and a generated "-5 degrees" or "=" in a math answer must survive
   * byte for byte. Turn it on only for files meant to be opened by people in Excel or Sheets.
   * Numbers are never prefixed: a number is not a formula.
   */
  spreadsheetSafe?: boolean;
}

/** Row terminator of RFC 4180 section 2.1. */
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
/** Leading characters a spreadsheet treats as the start of a formula (OWASP CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes `records` to `path` as CSV, atomically, one line at a time. The header is `columns` when
 * given (other keys are left out, missing ones are empty); otherwise the union of the records' keys
 * in first-seen order, which takes a first pass over them: a source that can be read again (see
 * DatasetSource) is read twice, a one-shot iterator is held in memory.
 */
export async function writeCsv(path: string, records: DatasetSource, columns?: string[], options: CsvOptions = {}): Promise<void> {
  let rows: Iterable<Record<string, unknown>>;
  if (columns === undefined) {
    const passes = datasetPasses(records);
    columns = columnsOf(passes());
    rows = passes();
  } else {
    rows = typeof records === 'function' ? records() : records;
  }
  const header = columns;
  const writer = createAtomicWriter(path);
  try {
    await writer.write(header.map((name) => quoteField(name)).join(',') + CRLF);
    for (const record of rows) {
      const line = header.map((name) => csvField(record[name], options.spreadsheetSafe === true)).join(',');
      await writer.write(line + CRLF);
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * The union of the records' keys in first-seen order: the column list every export format uses
 * when the caller names none, so the three dataset files agree on columns and their order.
 */
export function columnsOf(records: Iterable<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}

/** One value as CSV field text: null/undefined empty, booleans true/false, objects and arrays as JSON. */
function csvField(value: unknown, spreadsheetSafe: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    return quoteField(spreadsheetSafe && FORMULA_START.test(value) ? `'${value}` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return quoteField(JSON.stringify(value) ?? '');
}

function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
