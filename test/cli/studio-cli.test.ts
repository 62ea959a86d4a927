import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/run-cli.js';
import { makeStudioRun } from '../support/studio-run.js';

describe('synthkit studio and relabel (CLI)', () => {
  it('beyond loopback prints a URL with a one-time token and refuses requests without it; stops cleanly', async () => {
    const dir = makeStudioRun({ records: 3 });
    const { child, done } = startCli(['studio', dir, '--host', '0.0.0.0', '--port', '0']);
    const url = await new Promise<string>((resolve) =>
      child.stdout!.on('data', (d) => /(http:\/\/\S+)/.test(String(d)) && resolve(/(http:\/\/\S+)/.exec(String(d))![1])),
    );
    const token = new URL(url).searchParams.get('token');
    expect(token).toMatch(/^[\w-]{32}$/);
    const port = new URL(url).port;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    const withToken = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(withToken.status).toBe(303);
    child.kill('SIGINT');
    const result = await done;
    expect(result.stdout.match(/token=/g)).toHaveLength(1);
    expect(result.code).toBe(0);
  });

  it('names the fix for a folder that is not a run and for a model the run does not have', async () => {
    const missing = await runCli(['studio', '/nonexistent/run', '--port', '0']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\/nonexistent\/run: not a directory; give run directories/);
    const dir = makeStudioRun({ records: 3 });
    const relabel = await runCli(['relabel', dir, '--column', 'label', '--with', 'nope']);
    expect(relabel.code).toBe(1);
    expect(relabel.stderr).toMatch(/--with nope: the run's recipe has no such model \(it has: writer\)/);
  });
});
