/**
 * Runs every bench, each in its own process (so one bench's memory does not inflate another's
 * peak), and prints their `name: value` figures. `npm run bench -- --quick` uses smaller sizes.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support.js';

const quick = process.argv.includes('--quick');
const benches: [string, string[]][] = [
  ['generate-bench.ts', [quick ? '2000' : '10000']],
  ['local-engine-bench.ts', [quick ? '10' : '40']],
  ['grounding-bench.ts', [quick ? '2000' : '10000']],
  ['near-dedup-bench.ts', quick ? ['--sizes', '100000', '--truth', '20000'] : ['--sizes', '100000,1000000', '--truth', '20000']],
  ['curation-defaults-bench.ts', quick ? ['300', '30'] : ['1000', '100']],
  ['evaluate-bench.ts', [quick ? '10000' : '100000']],
  ['studio-bench.ts', quick ? ['20000', '2000'] : ['100000', '4000']],
  ['queue-bench.ts', [quick ? '5000' : '100000']],
  ['pii-bench.ts', ['--baseline']],
  ['injection-bench.ts', []],
  ['export-bench.ts', [quick ? '5000' : '20000']],
  ['scale-memory-bench.ts', [quick ? '100000' : '1000000']],
];

let failed = 0;
for (const [file, args] of benches) {
  process.stdout.write(`\n# ${file} ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', file), ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
