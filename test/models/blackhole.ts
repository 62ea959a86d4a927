/**
 * A local stand-in for an unreachable host (a blackholed IP, a firewall that drops packets): a
 * TCP port whose connection attempts are never answered.
 *
 * How: a child process listens with a backlog of 1 and then blocks its event loop, so it never
 * accepts; two connections fill the kernel's accept queue, and from then on Linux drops further
 * SYNs and a client's connect() hangs until its own timeout. A real blackholed address
 * (10.255.255.1) cannot be used in tests: sandboxes and proxies may answer for any address.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';

export interface Blackhole {
  port: number;
  url: string;
  close(): void;
}

const LISTENER = `
const s = require('net').createServer();
s.listen({ port: Number(process.argv[1] || 0), host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(String(s.address().port) + '\\n');
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 50);
});`;

/** `port`: take over a port a test server just gave up (0: any free port). */
export async function startBlackhole(port = 0): Promise<Blackhole> {
  const child = spawn(process.execPath, ['-e', LISTENER, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const bound = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('error', reject);
  });
  await new Promise((r) => setTimeout(r, 200));
  // Fill the accept queue; the kernel completes these handshakes, then drops new SYNs.
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 3; i++) {
    const socket = net.connect(bound, '127.0.0.1');
    socket.on('error', () => {});
    fillers.push(socket);
  }
  await new Promise((r) => setTimeout(r, 200));
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    close() {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}
