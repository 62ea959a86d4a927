/**
 * YAML parsing that keeps positions, shared by the recipe and the curation config loaders, so a
 * problem found after validation can be reported at its line and column.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { RecipeError } from './recipe-error.js';

export function parseYamlWithLines(text: string, file: string, subject = 'recipe'): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    throw new RecipeError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: [], message: `YAML syntax: ${e.message.split('\n')[0]}`, line: pos?.line, column: pos?.col };
      }),
      subject,
    );
  }
  return { doc, lineCounter };
}

/** Line and column of the node at `path`; a missing field is reported at its nearest parent. */
export function locateYamlPath(doc: Document, path: (string | number)[], lineCounter: LineCounter): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}
