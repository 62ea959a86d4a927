import { describe, expect, it } from 'vitest';
import { readField } from '../../src/safety/read-field.js';

describe('readField', () => {
  it('follows dotted paths and gives undefined where they lead nowhere', () => {
    const record = { judge: { score: 4, tags: ['a'] }, text: 'hi', empty: null };
    expect(readField(record, 'judge.score')).toBe(4);
    expect(readField(record, 'judge.tags.0')).toBe('a');
    expect(readField(record, 'text')).toBe('hi');
    expect(readField(record, 'text.length')).toBeUndefined();
    expect(readField(record, 'empty.x')).toBeUndefined();
    expect(readField(record, 'missing.deep')).toBeUndefined();
  });
});
