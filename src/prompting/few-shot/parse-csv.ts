/**
 * A small CSV reader after RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): fields separated
 * by commas (section 2.4); a field in double quotes may hold commas, CR, LF and doubled quotes
 * `""` (sections 2.5-2.7). Two common departures from the letter of the RFC are accepted because
 * files written by hand and by spreadsheets use them: bare LF (or CR) line ends as well as CRLF,
 * and a UTF-8 byte order mark at the start. A quote inside an unquoted field, text after a closing
 * quote, or a quote never closed is an error with the line it is on, not a guess.
 */

import { SynthkitError } from '../../core/synthkit-error.js';
export class CsvParseError extends SynthkitError {
  constructor(
    message: string,
    /** 1-based physical line where the problem is. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvRow {
  fields: string[];
  /** 1-based physical line the row starts on (a quoted field may span several lines). */
  line: number;
}

/**
 * Every row of `text`, header included. A blank line between rows is skipped (it is never a
 * one-empty-field row in practice), and a final line end does not add an empty row.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const rowLine = line;
    const fields: string[] = [];
    let atRowEnd = false;
    let quoted = false;
    while (!atRowEnd) {
      let field = '';
      if (src[i] === '"') {
        quoted = true;
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= src.length) throw new CsvParseError('a quoted field is never closed (missing ")', quoteLine);
          const ch = src[i];
          if (ch === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
          field += ch;
          i++;
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
          throw new CsvParseError('text after a closing quote; quote the whole field and double any " inside it', line);
        }
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
          if (src[i] === '"') throw new CsvParseError('a " inside an unquoted field; quote the field and double the "', line);
          field += src[i];
          i++;
        }
      }
      fields.push(field);
      if (i >= src.length) {
        atRowEnd = true;
      } else if (src[i] === ',') {
        i++;
      } else {
        // CRLF, LF or a lone CR ends the row.
        i += src[i] === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line++;
        atRowEnd = true;
      }
    }
    const blank = !quoted && fields.length === 1 && fields[0] === '';
    if (!blank) rows.push({ fields, line: rowLine });
  }
  return rows;
}
