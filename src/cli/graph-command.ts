import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { buildConceptGraph } from '../grounding/build-concept-graph.js';
import { conceptGraphToGraphML } from '../grounding/graph-export.js';
import { openKnowledgeBase } from '../grounding/knowledge-base.js';
import { EXIT, runCommand } from './run-command.js';

export function graphCommand(): Command {
  return new Command('graph')
    .description("build (if missing or stale) and summarise a knowledge base's concept graph")
    .argument('<kb>', 'knowledge base folder (from `synthkit ingest`)')
    .option('--json <file>', 'also write the graph as JSON')
    .option('--graphml <file>', 'also write the graph as GraphML (Gephi, Cytoscape, networkx)')
    .option('--top <n>', 'how many central concepts to list', positiveInt, 20)
    .option('--rebuild', 'rebuild even if a current graph exists')
    .option('--min-chunks <n>', 'keep concepts found in at least this many chunks', positiveInt, 2)
    .action((kbDir: string, opts: { json?: string; graphml?: string; top: number; rebuild?: boolean; minChunks: number }) =>
      runCommand(async () => {
        const kb = await openKnowledgeBase(kbDir);
        const rebuilt = opts.rebuild || !kb.conceptGraph;
        const graph = rebuilt ? await buildConceptGraph(kb, { minChunks: opts.minChunks }) : kb.conceptGraph!;
        if (opts.json) await writeFile(opts.json, `${JSON.stringify(graph.data, null, 2)}\n`);
        if (opts.graphml) await writeFile(opts.graphml, conceptGraphToGraphML(graph));
        const out = [
          `${kbDir}: concept graph ${rebuilt ? 'built' : 'loaded'} (${graph.data.extractor}): ${graph.nodes.length} concepts, ${graph.edges.length} edges, from ${graph.data.chunkCount} chunks`,
        ];
        const top = graph.top(opts.top);
        if (top.length > 0) {
          out.push(`most central concepts (PageRank):`);
          const width = Math.max(...top.map((n) => n.label.length));
          for (const [i, n] of top.entries()) {
            out.push(
              `${String(i + 1).padStart(3)}. ${n.label.padEnd(width)}  pagerank ${n.pageRank.toFixed(4)}  degree ${String(n.degree).padStart(3)}  chunks ${String(n.chunkIds.length).padStart(3)}  documents ${n.documents}`,
            );
          }
        }
        if (opts.json) out.push(`wrote ${opts.json}`);
        if (opts.graphml) out.push(`wrote ${opts.graphml}`);
        process.stdout.write(`${out.join('\n')}\n`);
        return EXIT.ok;
      }),
    );
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}
