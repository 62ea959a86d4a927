/**
 * Starts the studio on a port and says where: loopback by default; any other host gets a random
 * token, printed once in the URL, that every request must carry.
 */
import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildCatalog, StudioError } from './run-catalog.js';
import { createStudioApp } from './studio-app.js';

export interface StudioOptions {
  runs: readonly string[];
  host?: string;
  port?: number;
  reviewer?: string;
  labelField?: string;
}

export interface RunningStudio {
  url: string;
  /** The URL with the token, for hosts beyond loopback. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const runs = buildCatalog(options.runs.length ? options.runs : ['.']);
  const host = options.host ?? '127.0.0.1';
  const requireToken = !LOOPBACK.has(host);
  const token = randomBytes(24).toString('base64url');
  let port = options.port ?? 4477;
  const hosts = new Set<string>();
  const { app, close } = createStudioApp({ runs, token, requireToken, allowedHosts: () => hosts, reviewer: options.reviewer, labelField: options.labelField });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new StudioError(`port ${port} is in use: choose another with --port (0 picks a free one)`) : error),
    );
  });
  port = (server.address() as AddressInfo).port;
  const names = requireToken ? [host] : ['127.0.0.1', 'localhost', '[::1]'];
  for (const name of names) hosts.add(`${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`.toLowerCase());
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  return {
    url,
    openUrl: requireToken ? `${url}?token=${token}` : url,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        close();
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
