/**
 * Concept graph to GraphML (http://graphml.graphdrawing.org/specification.html), for Gephi,
 * Cytoscape or networkx (`nx.read_graphml`). Node and edge attributes are declared as <key>s.
 */
import type { ConceptGraph } from './concept-graph.js';

export function conceptGraphToGraphML(graph: ConceptGraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="chunks" for="node" attr.name="chunks" attr.type="int"/>',
    '  <key id="documents" for="node" attr.name="documents" attr.type="int"/>',
    '  <key id="degree" for="node" attr.name="degree" attr.type="int"/>',
    '  <key id="pagerank" for="node" attr.name="pagerank" attr.type="double"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <key id="edge_documents" for="edge" attr.name="documents" attr.type="int"/>',
    '  <graph id="concepts" edgedefault="undirected">',
  ];
  for (const node of graph.nodes) {
    lines.push(
      `    <node id="${xml(node.id)}"><data key="label">${xml(node.label)}</data><data key="chunks">${node.chunkIds.length}</data>` +
        `<data key="documents">${node.documents}</data><data key="degree">${node.degree}</data><data key="pagerank">${node.pageRank}</data></node>`,
    );
  }
  graph.edges.forEach((edge, i) => {
    lines.push(
      `    <edge id="e${i}" source="${xml(edge.source)}" target="${xml(edge.target)}"><data key="weight">${edge.weight}</data>` +
        `<data key="edge_documents">${edge.documents}</data></edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
