/**
 * What the dedup stages share once they have clusters: each cluster keeps one representative by
 * the chosen policy; the others get the stage's action (drop by default) with the
 * representative's id as detail. Every record gets `cluster_size` (1 when unique), so a weight
 * formula can favour rare records.
 */
import type { z } from 'zod';
import { expressionScope, failed, kept, type CurationRecord, type StageOutcome } from '../curation-record.js';
import { compileExpression } from '../safe-expression.js';
import { fieldPath, keepPolicy } from '../stage-fields.js';
import { chooseRepresentative } from './dedup-api.js';
import { actionOf, type ClusterReport, type StageResult } from './stage-context.js';

/** The fields every dedup stage has: which record a cluster keeps. */
export const keepFields = {
  keep: keepPolicy.optional(),
  /** Field path (or stage signal such as judge.score) for keep: best-score. */
  score: fieldPath.optional(),
};

export interface Clustering {
  /** Each record's text (for keep: longest). */
  texts: string[];
  /** Groups of record indexes; singletons may be left out. */
  clusters: number[][];
  /** Similar pairs found, reported with their cluster (near and semantic dedup). */
  pairs?: { a: number; b: number; similarity: number }[];
  /** Records the stage could not check, each with the reason it is flagged. */
  unchecked?: Map<number, string>;
  /**
   * Clusters already split around their representatives (near-dedup): each duplicate is similar to
   * its own representative. When given, these decide and `clusters` is not re-split.
   */
  groups?: { representative: number; duplicates: { index: number; similarity: number }[] }[];
}

export function clusterOutcomes(
  records: CurationRecord[],
  stage: { keep?: z.infer<typeof keepPolicy>; score?: string; action?: 'drop' | 'flag' },
  reason: string,
  { texts, clusters, pairs = [], unchecked = new Map(), groups }: Clustering,
): StageResult {
  if (groups) return splitOutcomes(records, stage, reason, groups, unchecked);
  const policy = stage.keep ?? 'first';
  const score = policy === 'best-score' ? compileExpression(stage.score ?? 'judge.score') : undefined;
  const scores = score ? records.map((r) => toScore(score.evaluate(expressionScope(r)))) : undefined;
  const action = actionOf(stage);
  const outcomes: StageOutcome[] = records.map((_, i) => (unchecked.has(i) ? failed('flag', [unchecked.get(i)!]) : kept({ cluster_size: 1 })));
  const reports: ClusterReport[] = [];
  for (const cluster of clusters) {
    if (cluster.length < 2) continue;
    const members = [...cluster].sort((a, b) => a - b);
    const rep = chooseRepresentative(members, policy, { texts, scores });
    const size = members.length;
    for (const i of members) {
      outcomes[i] =
        i === rep
          ? kept({ cluster_size: size, representative: 1 })
          : failed(action, [reason], { detail: `of record ${records[rep].id}`, signals: { cluster_size: size, representative: 0 } });
    }
    const inCluster = new Set(members);
    reports.push({
      representative: records[rep].id,
      members: members.map((i) => records[i].id),
      ...(pairs.length
        ? {
            pairs: pairs
              .filter((p) => inCluster.has(p.a) && inCluster.has(p.b))
              .map((p) => ({ a: records[p.a].id, b: records[p.b].id, similarity: round(p.similarity) })),
          }
        : {}),
    });
  }
  return { outcomes, clusters: reports };
}

function splitOutcomes(
  records: CurationRecord[],
  stage: { action?: 'drop' | 'flag' },
  reason: string,
  groups: NonNullable<Clustering['groups']>,
  unchecked: Map<number, string>,
): StageResult {
  const action = actionOf(stage);
  const outcomes: StageOutcome[] = records.map((_, i) => (unchecked.has(i) ? failed('flag', [unchecked.get(i)!]) : kept({ cluster_size: 1 })));
  const reports: ClusterReport[] = [];
  for (const { representative, duplicates } of groups) {
    const size = duplicates.length + 1;
    outcomes[representative] = kept({ cluster_size: size, representative: 1 });
    for (const { index, similarity } of duplicates) {
      outcomes[index] = failed(action, [reason], {
        detail: `of record ${records[representative].id}`,
        signals: { cluster_size: size, representative: 0, similarity: round(similarity) },
      });
    }
    reports.push({
      representative: records[representative].id,
      members: [representative, ...duplicates.map((d) => d.index)].sort((a, b) => a - b).map((i) => records[i].id),
      pairs: duplicates.map((d) => ({ a: records[representative].id, b: records[d.index].id, similarity: round(d.similarity) })),
    });
  }
  return { outcomes, clusters: reports };
}

/** Options without the unset ones, so the dedup functions' documented defaults apply. */
export function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}

function toScore(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
