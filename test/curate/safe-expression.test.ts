import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, isTruthy } from '../../src/curate/safe-expression.js';

const record = {
  feedback: 'The Booking page is slow',
  sentiment: 'negative',
  persona: { age_band: '35-44', region: 'North' },
  judge: { score: 4 },
  tags: ['a', 'b'],
  n: 3,
};
const run = (src: string, scope: Record<string, unknown> = record) => compileExpression(src).evaluate(scope);

describe('safe expressions', () => {
  it('arithmetic, precedence and parentheses', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('-n + 10 % 4')).toBe(-1);
    expect(run('judge.score / 2')).toBe(2);
    expect(run("'a' + 'b'")).toBe('ab');
  });
  it('comparisons, logic, in and lists', () => {
    expect(run("sentiment == 'negative' and judge.score >= 4")).toBe(true);
    expect(run("not (persona.region in ['North', 'East'])")).toBe(false);
    expect(run("'Booking' in feedback")).toBe(true);
    expect(run("tags[1] == 'b' or false")).toBe(true);
    expect(run('missing.field == null')).toBe(true);
    expect(run('1 < 2 && !(2 < 1)')).toBe(true);
  });
  it('functions', () => {
    expect(run('len(feedback)')).toBe(24);
    expect(run('words(feedback)')).toBe(5);
    expect(run('max(1, n, 2) + min(tags == tags, 5)')).toBe(4);
    expect(run('log(exp(2))')).toBeCloseTo(2);
    expect(run('sqrt(abs(-16))')).toBe(4);
    expect(run("contains(lower(feedback), 'booking')")).toBe(true);
    expect(run('len(tags)')).toBe(2);
  });
  it('references are the top-level names read', () => {
    expect(compileExpression('judge.score * len(feedback) + n').references).toEqual(['judge', 'feedback', 'n']);
  });
  it('truthiness', () => {
    expect([0, '', null, false, []].map((v) => isTruthy(v as never))).toEqual([false, false, false, false, false]);
    expect(isTruthy(['x'])).toBe(true);
  });

  describe('attempted escapes are refused', () => {
    const refused = [
      'constructor',
      'feedback.constructor',
      "feedback['constructor']",
      '__proto__',
      'persona.__proto__.polluted',
      'tags.prototype',
      "constructor.constructor('return process')()",
      'process.exit(1)',
      'globalThis',
      'eval("1")',
      'require("fs")',
      'feedback.toString()',
      'this',
      'a = 1',
      'x => x',
      '`template`',
      'feedback; 1',
    ];
    it.each(refused)('%s', (src) => {
      let value: unknown;
      try {
        value = run(src);
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
        return;
      }
      // What parses (a bare unknown name) reads as a missing field, never as a global.
      expect(value).toBeNull();
    });
    it('inherited members read as missing, not as functions', () => {
      expect(run('feedback.length')).toBeNull();
      expect(run('tags.map')).toBeNull();
      expect(run('hasOwnProperty')).toBeNull();
      expect(run('toString', Object.create({ toString: 'leak' }))).toBeNull();
    });
    it('no function comes from the data', () => {
      expect(() => run('len()')).toThrow(/len\(\) takes 1 argument/);
      expect(() => run('feedback(1)')).toThrow(/unknown function 'feedback'/);
    });
    it('deep nesting and huge input are bounded', () => {
      expect(() => compileExpression(`${'('.repeat(200)}1${')'.repeat(200)}`)).toThrow(/nests deeper/);
      expect(() => compileExpression('1+'.repeat(3000) + '1')).toThrow(/longer than/);
    });
  });

  it('type errors name the problem', () => {
    expect(() => run('feedback * 2')).toThrow(/\* needs a number, got string/);
    expect(() => run('missing + 1')).toThrow(/null \(a missing field\?\)/);
    expect(() => run("1 < 'a'")).toThrow(/cannot compare/);
  });
  it('syntax errors name the column', () => {
    expect(() => compileExpression('1 +')).toThrow(/unexpected the end at column 4/);
    expect(() => compileExpression("'open")).toThrow(/unterminated string/);
    expect(() => compileExpression('a $ b')).toThrow(/unexpected character '\$' at column 3/);
  });
});
