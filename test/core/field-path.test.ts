import { describe, expect, it } from 'vitest';
import { getPath } from '../../src/core/field-path.js';

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
