import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('synthkit estimate (CLI)', () => {
  it('prints calls, tokens, cost and the assumptions for the example recipe, calling no model', async () => {
    // No model file and an empty cache: the estimate must not need either.
    const r = await runCli(['estimate', 'examples/healthhub-feedback.yaml'], { SYNTHKIT_LOCAL_MODEL: '', SYNTHKIT_CACHE_DIR: '/nonexistent/synthkit-cache' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('estimate for examples/healthhub-feedback.yaml: 50 records (measured on 20)');
    expect(r.stdout).toMatch(/model +engine +calls +input tokens +output tokens \(upper bound\) +price in \/ out per 1M +cost/);
    expect(r.stdout).toMatch(/writer \(local GGUF\) +local +100 +[\d,]+ +14,000 +local +\$0/);
    expect(r.stdout).toContain('assumptions:');
  });

  it('gives JSON with --json and honours --records', async () => {
    const r = await runCli(['estimate', 'examples/healthhub-feedback.yaml', '--records', '7', '--json']);
    expect(r.code).toBe(0);
    const estimate = JSON.parse(r.stdout);
    expect(estimate).toMatchObject({ records: 7, sampledRecords: 7, cost: 0 });
    expect(estimate.models[0]).toMatchObject({ model: 'writer', calls: 14 });
  });
});
