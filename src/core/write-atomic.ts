/**
 * Atomic file writes: readers of a dataset file see either the old file or the complete new one,
 * never a half-written one, even if the process is killed mid-write (DESIGN.md, "The run
 * directory": dataset files are written atomically, temp + rename).
 *
 * The temp file lives in the target's directory because rename(2) is only atomic within one
 * filesystem. It is opened with O_EXCL under a random name, so two writers (two recipes in one
 * process, or two processes) never share a temp file. Data is fsynced before the rename, or a
 * crash right after the rename could leave a renamed but empty file on some filesystems.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A streaming atomic write: nothing appears at the target until `close()` succeeds. */
export interface AtomicWriter {
  /**
   * Appends a chunk. Small chunks are batched; await the returned promise so that a producer
   * faster than the disk waits instead of piling the file up in memory.
   */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes, fsyncs and renames the temp file over the target. Removes the temp file on failure. */
  close(): Promise<void>;
  /** Discards everything written; the target is left untouched. Safe to call more than once. */
  abort(): Promise<void>;
}

/** Batch size for small writes: one syscall per ~64 KiB rather than per JSONL/CSV line. */
const FLUSH_BYTES = 64 * 1024;

/** Writes `data` to `path` atomically (temp file in the same directory, fsync, rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const writer = createAtomicWriter(path);
  try {
    await writer.write(data);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * Starts an atomic write to `path`. The temp file is opened at once; any error (missing directory,
 * permissions) surfaces from the first awaited `write()` or from `close()`.
 */
export function createAtomicWriter(path: string): AtomicWriter {
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  let failure: unknown;
  let state: 'open' | 'closing' | 'closed' | 'aborted' = 'open';
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const encoder = new TextEncoder();

  // Every disk operation runs on this chain, in order. The chain itself never rejects (errors go to
  // `failure`), so a write whose promise nobody awaited cannot become an unhandled rejection.
  let chain: Promise<void> = open(tempPath, 'wx').then(
    (h) => {
      handle = h;
    },
    (error: unknown) => {
      failure = error;
    },
  );
  const enqueue = (step: (h: FileHandle) => Promise<void>): Promise<void> => {
    chain = chain.then(async () => {
      if (failure !== undefined || handle === undefined) return;
      try {
        await step(handle);
      } catch (error) {
        failure = error;
      }
    });
    return chain.then(() => {
      if (failure !== undefined) throw failure;
    });
  };
  const flush = (): Promise<void> => {
    if (pending.length === 0) return enqueue(async () => {});
    const data = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    return enqueue((h) => writeAll(h, data));
  };

  return {
    write(chunk) {
      if (state !== 'open') return Promise.reject(new Error(`atomic writer for ${path} is ${state}; cannot write`));
      if (failure !== undefined) return Promise.reject(failure);
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (bytes.byteLength === 0) return Promise.resolve();
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      return pendingBytes >= FLUSH_BYTES ? flush() : Promise.resolve();
    },

    async close() {
      if (state !== 'open') throw new Error(`atomic writer for ${path} is ${state}; cannot close`);
      state = 'closing';
      try {
        await flush();
        await enqueue(async (h) => {
          await h.sync();
          await h.close();
          handle = undefined;
          await rename(tempPath, path);
        });
      } catch (error) {
        await discard();
        state = 'aborted';
        throw error;
      }
      state = 'closed';
      await syncDirectory(dirname(path));
    },

    async abort() {
      if (state === 'closed' || state === 'aborted') return;
      state = 'aborted';
      pending = [];
      await discard();
    },
  };

  /** Waits for in-flight operations, then closes and deletes the temp file, ignoring errors. */
  async function discard(): Promise<void> {
    await chain;
    if (handle !== undefined) {
      await handle.close().catch(() => {});
      handle = undefined;
    }
    await unlink(tempPath).catch(() => {});
  }
}

/** FileHandle.write may write fewer bytes than asked; loop until the chunk is on disk. */
async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Makes the rename itself durable: on Linux the new directory entry is only on disk once the
 * directory is fsynced. Best effort, because some platforms (Windows) cannot open a directory for
 * syncing, and the file's contents are already safe by then.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here; see above.
  } finally {
    await handle?.close().catch(() => {});
  }
}
