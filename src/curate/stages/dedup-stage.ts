/**
 * Deduplication stages: exact, near-duplicate (MinHash LSH) and semantic (cosine over embeddings
 * read from a field, or made by an embedder from the text). Each cluster keeps one representative by the chosen policy; the others
 * get the stage's action (drop by default) with the representative's id as detail. Every record
 * gets `cluster_size` (1 when unique), so a weight formula can favour rare records.
 */
import type { StageConfig } from '../config-schema.js';
import { expressionScope, failed, kept, type CurationRecord, type StageOutcome } from '../curation-record.js';
import { getPath, textOf } from '../../core/field-path.js';
import { compileExpression } from '../safe-expression.js';
import { chooseRepresentative, exactDuplicateClusters, nearDuplicateClusters, semanticDuplicateClusters } from './dedup-api.js';
import { actionOf, textFieldOf, type ClusterReport, type StageContext, type StageResult } from './stage-context.js';
import { embedAll } from '../../models/embedders.js';

type DedupStage = Extract<StageConfig, { stage: 'exact-dedup' | 'near-dedup' | 'semantic-dedup' }>;

export async function runDedupStage(records: CurationRecord[], stage: DedupStage, context: StageContext): Promise<StageResult> {
  const field = textFieldOf(stage, context.config);
  const texts = records.map((r) => textOf(getPath(r.data, field)) ?? '');
  let clusters: number[][];
  let pairs: { a: number; b: number; similarity: number }[] = [];
  const missing = new Set<number>();

  if (stage.stage === 'exact-dedup') {
    clusters = await exactDuplicateClusters(texts);
  } else if (stage.stage === 'near-dedup') {
    // Unset options take the defaults documented in dedup/near-dedup.ts (FineWeb's 5-word
    // shingles, 14 bands x 8 rows; Jaccard 0.8 as Lee et al. 2022).
    const result = await nearDuplicateClusters(
      texts,
      definedOnly({ threshold: stage.threshold, bands: stage.bands, rows: stage.rows, shingleSize: stage.shingle_size, seed: stage.seed }),
    );
    clusters = result.clusters;
    pairs = result.pairs;
  } else {
    // Records without a vector are left out of clustering (and flagged: the stage could not check them).
    const present: number[] = [];
    const vectors: number[][] = [];
    const embedded = stage.embedding_field ? undefined : await embedAll(stage.embed!, texts);
    records.forEach((r, i) => {
      const v = embedded ? embedded[i] : getPath(r.data, stage.embedding_field!);
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        present.push(i);
        vectors.push(v as number[]);
      } else missing.add(i);
    });
    const result = semanticDuplicateClusters(vectors, definedOnly({ threshold: stage.threshold })); // default 0.9, see dedup/semantic-dedup.ts
    clusters = result.clusters.map((c) => c.map((j) => present[j]));
    pairs = result.pairs.map((p) => ({ a: present[p.a], b: present[p.b], similarity: p.similarity }));
  }

  const policy = stage.keep ?? 'first';
  const score = policy === 'best-score' ? compileExpression(stage.score ?? 'judge.score') : undefined;
  const scores = score ? records.map((r) => toScore(score.evaluate(expressionScope(r)))) : undefined;
  const action = actionOf(stage);
  const outcomes: StageOutcome[] = records.map((_, i) =>
    missing.has(i) ? failed('flag', [`no embedding in ${('embedding_field' in stage && stage.embedding_field) || field}`]) : kept({ cluster_size: 1 }),
  );
  const reports: ClusterReport[] = [];
  const kind = stage.stage === 'exact-dedup' ? 'exact duplicate' : stage.stage === 'near-dedup' ? 'near duplicate' : 'semantic duplicate';
  for (const cluster of clusters) {
    if (cluster.length < 2) continue;
    const members = [...cluster].sort((a, b) => a - b);
    const rep = chooseRepresentative(members, policy, { texts, scores });
    const size = members.length;
    for (const i of members) {
      outcomes[i] = i === rep ? kept({ cluster_size: size, representative: 1 }) : failed(action, [kind], { detail: `of record ${records[rep].id}`, signals: { cluster_size: size, representative: 0 } });
    }
    const inCluster = new Set(members);
    reports.push({
      representative: records[rep].id,
      members: members.map((i) => records[i].id),
      ...(pairs.length
        ? { pairs: pairs.filter((p) => inCluster.has(p.a) && inCluster.has(p.b)).map((p) => ({ a: records[p.a].id, b: records[p.b].id, similarity: round(p.similarity) })) }
        : {}),
    });
  }
  return { outcomes, clusters: reports };
}

function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}

function toScore(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

