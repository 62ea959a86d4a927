/**
 * Can this machine open a connection to a URL's host and port? One DNS lookup and TCP connect
 * with a time limit, nothing sent: enough for `synthkit doctor` to tell "offline", "no such host",
 * "nothing listens there" and "packets dropped" apart without a request that costs tokens.
 */
import net from 'node:net';
import { describeNetworkFailure, type NetworkFailure } from './network-error.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

export type ProbeResult = { ok: true; host: string; ms: number } | { ok: false; host: string; reason: NetworkFailure; text: string };

export function probeHost(url: URL, timeoutMs: number = DEFAULT_PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  // URL keeps IPv6 literals in brackets; net.connect wants them bare.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const host = url.host;
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port });
    const finish = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, host, reason: 'connect_timeout', text: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.once('connect', () => finish({ ok: true, host, ms: Math.round(performance.now() - started) }));
    socket.once('error', (error) => {
      const failure = describeNetworkFailure(error);
      finish({ ok: false, host, reason: failure.kind, text: failure.text });
    });
  });
}
