/**
 * The reachability probe behind `synthkit doctor`: it tells a listening port, a closed one, an
 * unknown host and a silent (blackholed) one apart, each within its time limit.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { probeHost } from '../../src/models/probe-host.js';
import { startBlackhole } from './blackhole.js';

describe('probeHost', () => {
  it('tells reachable, refused, unknown and silent hosts apart', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    expect(await probeHost(new URL(`http://127.0.0.1:${port}/v1`))).toMatchObject({ ok: true, host: `127.0.0.1:${port}` });
    await new Promise((r) => server.close(r));
    expect(await probeHost(new URL(`http://127.0.0.1:${port}/v1`))).toMatchObject({ ok: false, reason: 'connection_refused' });
    expect(await probeHost(new URL('https://synthkit-probe.invalid/v1'))).toMatchObject({ ok: false, reason: 'host_not_found' });
    const blackhole = await startBlackhole();
    try {
      const started = performance.now();
      expect(await probeHost(new URL(blackhole.url), 300)).toMatchObject({ ok: false, reason: 'connect_timeout' });
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      blackhole.close();
    }
  });
});
