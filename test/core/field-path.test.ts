import { afterEach, describe, expect, it } from 'vitest';
import { getPath, setPath } from '../../src/core/field-path.js';
import { parseEvaluateConfigObject } from '../../src/evaluate/load-evaluate-config.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { tempDir } from '../support/paths.js';

describe('getPath', () => {
  it('follows dotted paths and gives undefined where they lead nowhere', () => {
    const record = { judge: { score: 4, tags: ['a'] }, text: 'hi', empty: null };
    expect(getPath(record, 'judge.score')).toBe(4);
    expect(getPath(record, 'judge.tags.0')).toBe('a');
    expect(getPath(record, 'text')).toBe('hi');
    expect(getPath(record, 'text.length')).toBeUndefined();
    expect(getPath(record, 'empty.x')).toBeUndefined();
    expect(getPath(record, 'missing.deep')).toBeUndefined();
  });
});

describe('prototype pollution (bug: coverage.columns: [__proto__.polluted] set Object.prototype.polluted)', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('setPath refuses prototype members and never writes outside the target', () => {
    const target: Record<string, unknown> = {};
    expect(() => setPath(target, '__proto__.polluted', 'yes')).toThrow(/not allowed in a field path/);
    expect(() => setPath(target, 'constructor.prototype.polluted', 'yes')).toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    setPath(target, 'persona.region', 'north');
    expect(target).toEqual({ persona: { region: 'north' } });
  });

  it('an evaluate config naming __proto__ fails validation, and evaluating leaves Object.prototype alone', async () => {
    expect(() => parseEvaluateConfigObject({ coverage: { columns: ['__proto__.polluted'] } })).toThrow(/__proto__/);
    const records = [{ text: 'one two three four five', topic: 'a' }];
    await evaluate(records, { coverage: { columns: ['topic'] } }, { out: tempDir() });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
