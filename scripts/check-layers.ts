/**
 * The import-direction check: every folder of src/ has a layer, and a module may import only from
 * its own folder or from a folder in a lower layer (see DESIGN.md). Prints every back edge and
 * every folder without a layer, and exits 1 when there is one. `npm run check:layers`; the test
 * suite runs the same check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lowest first. Folders on one line are peers: they must not import each other. */
export const LAYERS: string[][] = [
  ['core'],
  ['models'],
  ['store'],
  ['samplers', 'prompting', 'grounding', 'safety'],
  // One module per column kind (schema, plan, fill); recipe/ derives its schema from their registry.
  ['columns'],
  ['recipe'],
  ['export'],
  ['generate', 'curate', 'evaluate', 'review'],
  // redteam/ runs small generations of planted recipes, as the pipeline runs stages.
  ['pipeline', 'redteam'],
  // The studio is a web shell over the library; the CLI's `studio` command starts it.
  ['studio'],
  ['cli'],
  // src/index.ts, the package's entry point, may import anything.
  ['.'],
];

export interface LayerViolation {
  file: string;
  imports: string;
  reason: string;
}

export function checkLayers(srcDir: string): { violations: LayerViolation[]; edges: Map<string, Set<string>> } {
  const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
  const violations: LayerViolation[] = [];
  const edges = new Map<string, Set<string>>();
  const folderOf = (file: string) => {
    const rel = relative(srcDir, file);
    return rel.includes(sep) ? rel.split(sep)[0] : '.';
  };
  for (const file of listTs(srcDir)) {
    const from = folderOf(file);
    if (!rank.has(from)) violations.push({ file: relative(srcDir, file), imports: '', reason: `folder '${from}' has no layer in scripts/check-layers.ts` });
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1]);
      const to = folderOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
      const a = rank.get(from);
      const b = rank.get(to);
      if (a === undefined || b === undefined) continue;
      if (b > a)
        violations.push({
          file: relative(srcDir, file),
          imports: relative(srcDir, target),
          reason: `${from} (layer ${a}) imports ${to} (layer ${b}), a higher layer`,
        });
      else if (b === a)
        violations.push({
          file: relative(srcDir, file),
          imports: relative(srcDir, target),
          reason: `${from} imports its peer ${to}; move what both need to a lower layer`,
        });
    }
  }
  return { violations, edges };
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const { violations, edges } = checkLayers(src);
  for (const folders of [...LAYERS].reverse()) {
    for (const folder of folders) {
      const to = [...(edges.get(folder) ?? [])].sort();
      if (to.length || folder !== '.') console.log(`${folder.padEnd(10)} -> ${to.join(', ') || '(nothing)'}`);
    }
  }
  if (violations.length) {
    for (const v of violations) console.log(`BACK EDGE ${v.file}${v.imports ? ` -> ${v.imports}` : ''}: ${v.reason}`);
    console.log(`${violations.length} import(s) point the wrong way`);
    process.exit(1);
  }
  console.log('import directions: ok (every import points to its own folder or a lower layer)');
}
