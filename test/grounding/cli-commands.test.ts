import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { graphCommand } from '../../src/cli/graph-command.js';
import { ingestCommand } from '../../src/cli/ingest-command.js';
import { ROOT, tempDir } from '../support/paths.js';

const dir = tempDir('synthkit-grounding-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs a command in-process (the lead registers these in main.ts), capturing stdout and stderr. */
async function run(command: Command, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  await command.exitOverride().parseAsync(args, { from: 'user' });
  vi.restoreAllMocks();
  return { code: Number(process.exitCode ?? 0), stdout, stderr };
}

describe('synthkit ingest / graph', () => {
  const kb = join(dir, 'kb');

  it('ingests a folder and prints a summary', async () => {
    const result = await run(ingestCommand(), [join(ROOT, 'examples/policy-docs/documents'), '--kb', kb]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/6 added, 0 updated, 0 unchanged, 0 removed, 0 skipped; \d+ chunks added/);
    const again = await run(ingestCommand(), [join(ROOT, 'examples/policy-docs/documents'), '--kb', kb, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: expect.arrayContaining(['appeals.md']), chunksAdded: 0 });
  });

  it('builds the concept graph, prints the central concepts and writes JSON and GraphML', async () => {
    const json = join(dir, 'graph.json');
    const graphml = join(dir, 'graph.graphml');
    const result = await run(graphCommand(), [kb, '--top', '5', '--json', json, '--graphml', graphml]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/concept graph built \(rake\): \d+ concepts, \d+ edges, from \d+ chunks/);
    expect(result.stdout.match(/^\s+\d+\. /gm)).toHaveLength(5);
    expect(JSON.parse(readFileSync(json, 'utf8')).format).toBe('synthkit-concept-graph');
    expect(readFileSync(graphml, 'utf8')).toContain('<graphml');
    expect((await run(graphCommand(), [kb, '--top', '1'])).stdout).toMatch(/concept graph loaded/);
  });

  it('fails with one clear line for a folder that is not a knowledge base', async () => {
    const result = await run(graphCommand(), [join(dir, 'nothing')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^synthkit: .*is not a knowledge base.*synthkit ingest/);
  });
});
