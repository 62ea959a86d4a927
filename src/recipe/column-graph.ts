/**
 * Orders columns by the references between them. A column may only read columns it can reach;
 * unknown names and cycles are recipe errors, found before any model call.
 */
import { didYouMean } from '../core/closest-name.js';
import type { RecipeIssue } from './recipe-error.js';

export interface ColumnNode {
  name: string;
  /** Index in the recipe's column list, for error paths. */
  index: number;
  dependsOn: string[];
}

export function orderColumns(nodes: ColumnNode[]): { order: string[]; issues: RecipeIssue[] } {
  const issues: RecipeIssue[] = [];
  const byName = new Map<string, ColumnNode>();
  for (const node of nodes) {
    if (byName.has(node.name)) {
      issues.push({ path: ['columns', node.index, 'name'], message: `duplicate column name '${node.name}'; column names must be unique` });
    }
    byName.set(node.name, node);
  }
  for (const node of nodes) {
    for (const dep of node.dependsOn) {
      if (dep === node.name) {
        issues.push({ path: ['columns', node.index], message: `column '${node.name}' refers to itself` });
      } else if (!byName.has(dep)) {
        const known = [...byName.keys()].join(', ');
        issues.push({ path: ['columns', node.index], message: `refers to unknown column '${dep}'${didYouMean(dep, byName.keys())} (known columns: ${known})` });
      }
    }
  }
  if (issues.length) return { order: [], issues };

  // Kahn's algorithm, taking ready columns in recipe order so the result is stable and readable.
  const indegree = new Map(nodes.map((n) => [n.name, 0]));
  const dependents = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const node of nodes) {
    for (const dep of new Set(node.dependsOn)) {
      indegree.set(node.name, indegree.get(node.name)! + 1);
      dependents.get(dep)!.push(node.name);
    }
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < nodes.length) {
    const next = nodes.find((n) => !done.has(n.name) && indegree.get(n.name) === 0);
    if (!next) break;
    done.add(next.name);
    order.push(next.name);
    for (const d of dependents.get(next.name)!) indegree.set(d, indegree.get(d)! - 1);
  }
  if (order.length < nodes.length) {
    const stuck = nodes.filter((n) => !done.has(n.name));
    const cycle = findCycle(stuck, byName);
    issues.push({
      path: ['columns', byName.get(cycle[0])!.index],
      message: `columns form a cycle: ${cycle.join(' -> ')}; break it by removing one reference`,
    });
  }
  return { order, issues };
}

function findCycle(stuck: ColumnNode[], byName: Map<string, ColumnNode>): string[] {
  const stuckNames = new Set(stuck.map((n) => n.name));
  // Every stuck node has a stuck dependency, so walking dependencies must revisit a node.
  const seen: string[] = [];
  let current = stuck[0].name;
  while (!seen.includes(current)) {
    seen.push(current);
    current = byName.get(current)!.dependsOn.find((d) => stuckNames.has(d))!;
  }
  return [...seen.slice(seen.indexOf(current)), current];
}
