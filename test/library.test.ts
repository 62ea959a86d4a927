/** `import { generate } from 'synthkit'` works as the package is published (dist/, package exports). */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/paths.js';

describe('the synthkit package', () => {
  it('exports the library API by its package name', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('synthkit'); console.log(['generate','resume','curate','evaluate','ingest','planRecipeObject'].map((k) => typeof m[k]).join(','))",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('function,function,function,function,function,function');
  });
});
