import { describe, expect, it } from 'vitest';
import { orderColumns } from '../../src/recipe/column-graph.js';

const node = (name: string, index: number, dependsOn: string[] = []) => ({ name, index, dependsOn });

describe('orderColumns', () => {
  it('puts every column after the columns it reads, keeping recipe order otherwise', () => {
    const { order, issues } = orderColumns([node('answer', 0, ['question', 'topic']), node('topic', 1), node('question', 2, ['topic']), node('style', 3)]);
    expect(issues).toEqual([]);
    expect(order).toEqual(['topic', 'question', 'answer', 'style']);
  });

  it('names an unknown reference and the known columns', () => {
    const { issues } = orderColumns([node('a', 0, ['missing']), node('b', 1)]);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(['columns', 0]);
    expect(issues[0].message).toContain("unknown column 'missing'");
    expect(issues[0].message).toContain('a, b');
  });

  it('reports a cycle with its members in order', () => {
    const { issues } = orderColumns([node('x', 0), node('a', 1, ['c']), node('b', 2, ['a']), node('c', 3, ['b'])]);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/cycle: a -> c -> b -> a/);
  });

  it('rejects self references and duplicate names', () => {
    expect(orderColumns([node('a', 0, ['a'])]).issues[0].message).toContain('refers to itself');
    expect(orderColumns([node('a', 0), node('a', 1)]).issues[0].message).toContain("duplicate column name 'a'");
  });
});
