/** Imports point down only (DESIGN.md): the same check as `npm run check:layers`, so a back edge fails the suite. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../scripts/check-layers.js';
import { tempDir } from '../support/paths.js';

describe('import directions', () => {
  it('every import in src/ points to its own folder or a lower layer', () => {
    const { violations } = checkLayers(resolve(import.meta.dirname, '../../src'));
    expect(violations.map((v) => `${v.file} -> ${v.imports}: ${v.reason}`)).toEqual([]);
  });

  it('reports a back edge, a peer import and a folder without a layer', () => {
    const src = tempDir();
    const write = (file: string, text: string) => {
      mkdirSync(join(src, file, '..'), { recursive: true });
      writeFileSync(join(src, file), text);
    };
    write('core/a.ts', "import { b } from '../models/b.js';\n");
    write('models/b.ts', 'export const b = 1;\n');
    write('curate/c.ts', "import { d } from '../evaluate/d.js';\n");
    write('evaluate/d.ts', 'export const d = 1;\n');
    write('gadgets/e.ts', 'export const e = 1;\n');
    const reasons = checkLayers(src).violations.map((v) => v.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^core \(layer 0\) imports models/),
        expect.stringMatching(/^curate imports its peer evaluate/),
        expect.stringMatching(/^folder 'gadgets' has no layer/),
      ]),
    );
  });
});
