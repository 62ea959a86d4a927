/**
 * Shared shell of the CLI commands: Ctrl-C stops a run gracefully (a second Ctrl-C quits at
 * once), and known errors become one clear line on stderr with a non-zero exit, not a stack trace.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { RunInterruptedError } from '../generate/generate.js';

export const EXIT = { ok: 0, failed: 1, incomplete: 2, thresholdFailed: 3, interrupted: 130 } as const;

export async function runCommand(body: (signal: AbortSignal) => Promise<number>): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nstopping: finishing writes (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    process.exitCode = await body(controller.signal);
  } catch (error) {
    process.exitCode = reportError(error);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

function reportError(error: unknown): number {
  if (error instanceof RunInterruptedError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.interrupted;
  }
  const err = error as Error;
  // Every error a user can act on derives from SynthkitError; its message says what to fix.
  if (SynthkitError.isInstance(error)) {
    process.stderr.write(`synthkit: ${err.message}\n`);
    return EXIT.failed;
  }
  process.stderr.write(`synthkit: unexpected error: ${err?.message ?? String(error)}\n`);
  if (process.env.SYNTHKIT_DEBUG) process.stderr.write(`${err?.stack}\n`);
  else process.stderr.write('(set SYNTHKIT_DEBUG=1 for the stack trace)\n');
  return EXIT.failed;
}
