/**
 * Centrality of concept-graph nodes: degree (number of distinct neighbours, and the sum of edge
 * weights) and weighted PageRank (S. Brin, L. Page, "The anatomy of a large-scale hypertextual Web
 * search engine", 1998), damping 0.85 as in the paper. An undirected edge of weight w carries rank
 * both ways in proportion to w; a node without edges spreads its rank evenly over all nodes.
 */
export interface WeightedAdjacency {
  /** neighbours[i]: indices of node i's neighbours, with the edge weight at the same position in weights[i]. */
  neighbours: readonly (readonly number[])[];
  weights: readonly (readonly number[])[];
}

export function degreeCentrality(graph: WeightedAdjacency): { degree: number[]; weightedDegree: number[] } {
  return {
    degree: graph.neighbours.map((n) => n.length),
    weightedDegree: graph.weights.map((w) => w.reduce((sum, x) => sum + x, 0)),
  };
}

export interface PageRankOptions {
  damping?: number;
  /** Stop when the L1 change between iterations is below this. Default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
}

/** PageRank scores, summing to 1 (empty graph: empty array). */
export function pageRank(graph: WeightedAdjacency, options: PageRankOptions = {}): number[] {
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const n = graph.neighbours.length;
  if (n === 0) return [];
  const out = graph.weights.map((w) => w.reduce((sum, x) => sum + x, 0));
  let rank = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (out[i] === 0) {
        dangling += rank[i];
        continue;
      }
      const share = rank[i] / out[i];
      const neighbours = graph.neighbours[i];
      const weights = graph.weights[i];
      for (let j = 0; j < neighbours.length; j++) next[neighbours[j]] += share * weights[j];
    }
    const base = (1 - damping) / n + (damping * dangling) / n;
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = base + damping * next[i];
      change += Math.abs(next[i] - rank[i]);
    }
    rank = next;
    if (change < tolerance) break;
  }
  return [...rank];
}
