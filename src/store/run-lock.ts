/**
 * One writer per run directory. Two `generate` processes on one folder once ran side by side and
 * paid for 145 of 600 prompts twice; now the writer holds `run.lock` (created exclusively, holding
 * its pid and host) for as long as it runs. A lock left by a process that is gone (kill -9, a
 * crash) is taken over, so a killed run can always be resumed.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SynthkitError } from '../core/synthkit-error.js';

export const LOCK_FILE = 'run.lock';

export class RunLockedError extends SynthkitError {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly host: string,
  ) {
    super(
      `${dir} is in use by another synthkit process (pid ${pid} on ${host}); wait for it to finish or stop it, then run again (a lock left by a killed process is taken over automatically; if no synthkit process uses it, delete ${LOCK_FILE} there)`,
    );
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Takes the run directory's lock; the returned function releases it. */
export function lockRunDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        // Only remove our own lock: a stale-lock takeover by another process must not be undone.
        if (readOwner(file)?.pid === me.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && isHeld(owner, me)) throw new RunLockedError(dir, owner.pid, owner.host);
      // The owner is gone (or the file is half-written by a killed process): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new RunLockedError(dir, -1, 'unknown');
}

/** Whether the lock's owner may still be running (another host is assumed to be). */
function isHeld(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return true;
  // Our own pid: held by this process (a second writer in one program) unless it was taken
  // before this process started, by an earlier process that had the same pid.
  if (owner.pid === me.pid) return Date.parse(owner.since) >= Date.now() - process.uptime() * 1000 - 1000;
  return isAlive(owner.pid);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
