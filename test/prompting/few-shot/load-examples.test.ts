import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FewShotError, loadExamples } from '../../../src/prompting/few-shot/load-examples.js';
import { parseCsv } from '../../../src/prompting/few-shot/parse-csv.js';
import { tempDir } from '../../support/paths.js';

function fileWith(name: string, text: string): string {
  const path = join(tempDir('synthkit-fewshot-'), name);
  writeFileSync(path, text);
  return path;
}

describe('loadExamples', () => {
  it('reads JSONL, keeping JSON types and skipping blank lines', () => {
    const file = fileWith('ex.jsonl', '{"q":"a","n":1}\n\n{"q":"b","n":2}\r\n{"q":"c","tags":["x"]}\n');
    expect(loadExamples(file, { k: 3 })).toEqual([
      { q: 'a', n: 1 },
      { q: 'b', n: 2 },
      { q: 'c', tags: ['x'] },
    ]);
  });

  it('reads CSV with a header, quoted commas, doubled quotes and newlines inside quotes', () => {
    const file = fileWith('ex.csv', '\uFEFFquestion,answer\r\n"Why, though?","He said ""no""\nthen left"\r\nplain,"x"\r\n');
    expect(loadExamples(file, { k: 2 })).toEqual([
      { question: 'Why, though?', answer: 'He said "no"\nthen left' },
      { question: 'plain', answer: 'x' },
    ]);
  });

  it('takes the format from options over the extension', () => {
    const file = fileWith('ex.txt', 'a\n1\n');
    expect(loadExamples(file, { k: 1, format: 'csv' })).toEqual([{ a: '1' }]);
    expect(() => loadExamples(file, { k: 1 })).toThrow(/cannot tell the format from ".txt"/);
  });

  it.each([
    ['a missing file', () => join(tempDir(), 'nope.jsonl'), 1, /nope\.jsonl does not exist/],
    [
      'a directory',
      () => {
        const d = join(tempDir(), 'd.jsonl');
        mkdirSync(d);
        return d;
      },
      1,
      /is a directory/,
    ],
    ['an empty file', () => fileWith('e.jsonl', ' \n\n'), 1, /e\.jsonl is empty/],
    ['a CSV header without rows', () => fileWith('h.csv', 'a,b\n'), 1, /has a header but no examples/],
    ['bad JSON on line 2', () => fileWith('m.jsonl', '{"a":1}\n{"a":\n'), 1, /malformed line 2: not valid JSON/],
    ['a non-object JSON line', () => fileWith('m.jsonl', '{"a":1}\n\n[1,2]\n'), 1, /malformed line 3: expected a JSON object, got an array/],
    ['a CSV row with too many fields', () => fileWith('m.csv', 'a,b\n1,2\n1,2,3\n'), 1, /malformed line 3: 3 fields, but the header has 2/],
    ['an unclosed CSV quote', () => fileWith('m.csv', 'a,b\n1,2\n"open,2\n'), 1, /malformed line 3: a quoted field is never closed/],
    ['a bare quote in a CSV field', () => fileWith('m.csv', 'a\nsa"y\n'), 1, /malformed line 2: a " inside an unquoted field/],
    ['a duplicate CSV header', () => fileWith('m.csv', 'a,a\n1,2\n'), 1, /header names "a" twice/],
    ['fewer examples than k', () => fileWith('s.jsonl', '{"a":1}\n{"a":2}\n{"a":3}\n'), 5, /has 3 examples, fewer than k=5/],
    ['k of zero', () => fileWith('s.jsonl', '{"a":1}\n'), 0, /k must be a whole number >= 1/],
  ])('rejects %s with a clear FewShotError', (_, makeFile, k, message) => {
    const file = makeFile();
    const call = () => loadExamples(file, { k });
    expect(call).toThrow(FewShotError);
    expect(call).toThrow(message);
  });
});

describe('parseCsv', () => {
  it('reports the starting line of each row, counting newlines inside quotes', () => {
    const rows = parseCsv('a,b\n"x\ny",1\n\nlast,""\n""\n');
    expect(rows.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['x\ny', '1']],
      [5, ['last', '']],
      [6, ['']],
    ]);
  });

  it('accepts a lone CR line end and a missing final line end', () => {
    expect(parseCsv('a,b\r1,2').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/line 1: text after a closing quote/);
  });
});
