import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/export/csv.js';
import { tempDir } from '../support/paths.js';

/** A strict RFC 4180 reader: fails on anything the writer should never produce. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) i += 2;
    else if (i < text.length) throw new Error(`expected CRLF at ${i}, got ${JSON.stringify(text[i])}`);
    rows.push(row);
    row = [];
    if (i >= text.length) return rows;
  }
}

async function roundTrip(records: Record<string, unknown>[], columns?: string[], options?: { spreadsheetSafe?: boolean }) {
  const path = join(tempDir(), 'd.csv');
  await writeCsv(path, records, columns, options);
  const text = readFileSync(path, 'utf8');
  return { text, rows: parseCsv(text) };
}

describe('writeCsv', () => {
  it('quotes commas, quotes, CR and LF, and round-trips unicode and nested values', async () => {
    const records = [
      {
        plain: 'hello',
        comma: 'a,b',
        quote: 'say "hi"',
        newline: 'one\ntwo',
        crlf: 'one\r\ntwo',
        cr: 'lone\rcr',
        unicode: 'naïve café 東京 🙂',
        nested: { a: [1, 'x,y'], b: { q: 'he said "no"' } },
        list: ['p', 'q'],
      },
    ];
    const { text, rows } = await roundTrip(records);
    expect(rows[0]).toEqual(['plain', 'comma', 'quote', 'newline', 'crlf', 'cr', 'unicode', 'nested', 'list']);
    const r = rows[1];
    expect(r.slice(0, 7)).toEqual(['hello', 'a,b', 'say "hi"', 'one\ntwo', 'one\r\ntwo', 'lone\rcr', 'naïve café 東京 🙂']);
    expect(JSON.parse(r[7])).toEqual(records[0].nested);
    expect(JSON.parse(r[8])).toEqual(['p', 'q']);
    expect(text.startsWith('plain,comma,quote,newline,crlf,cr,unicode,nested,list\r\nhello,"a,b","say ""hi"""')).toBe(true);
    expect(rows).toHaveLength(2);
  });

  it('writes null and undefined as empty, booleans and numbers as text', async () => {
    const { rows } = await roundTrip([{ a: null, b: undefined, c: true, d: false, e: 0, f: -1.5, g: '' }]);
    expect(rows[1]).toEqual(['', '', 'true', 'false', '0', '-1.5', '']);
  });

  it('takes the header from the union of keys in first-seen order', async () => {
    const { rows } = await roundTrip([{ b: 1, a: 2 }, { c: 3, a: 4 }, { d: 5 }]);
    expect(rows).toEqual([
      ['b', 'a', 'c', 'd'],
      ['1', '2', '', ''],
      ['', '4', '3', ''],
      ['', '', '', '5'],
    ]);
  });

  it('uses the given columns, leaving other keys out and missing ones empty', async () => {
    const { rows } = await roundTrip([{ a: 1, b: 2, extra: 'no' }], ['b', 'missing', 'a']);
    expect(rows).toEqual([
      ['b', 'missing', 'a'],
      ['2', '', '1'],
    ]);
  });

  it('writes only the header for no records, and streams a generator when columns are given', async () => {
    expect((await roundTrip([], ['x', 'y'])).text).toBe('x,y\r\n');
    const path = join(tempDir(), 'g.csv');
    function* gen() {
      yield { x: 1 };
      yield { x: 2 };
    }
    await writeCsv(path, gen(), ['x']);
    expect(readFileSync(path, 'utf8')).toBe('x\r\n1\r\n2\r\n');
  });

  it('keeps formula-like text verbatim by default and prefixes it when spreadsheetSafe', async () => {
    const records = [{ f: '=SUM(A1:A2)', p: '+1', m: '-5 degrees', at: '@cmd', ok: 'fine', n: -5 }];
    expect((await roundTrip(records)).rows[1]).toEqual(['=SUM(A1:A2)', '+1', '-5 degrees', '@cmd', 'fine', '-5']);
    expect((await roundTrip(records, undefined, { spreadsheetSafe: true })).rows[1]).toEqual(["'=SUM(A1:A2)", "'+1", "'-5 degrees", "'@cmd", 'fine', '-5']);
  });
});
