/**
 * Shared shell of the CLI commands: Ctrl-C (or SIGTERM) asks the work to stop and gives it a
 * second to flush what it has; after that, or at a second Ctrl-C, the process quits. Committed
 * work is in SQLite (WAL), so quitting loses at most the writes of the last few milliseconds,
 * which a resume asks for again. Known errors become one clear line on stderr with a non-zero
 * exit, not a stack trace.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { RunInterruptedError } from '../generate/generate.js';
import { BudgetExceededError } from '../models/model-runner.js';
import { ErrorRateExceededError } from '../models/error-rate-stop.js';

export const EXIT = { ok: 0, failed: 1, incomplete: 2, thresholdFailed: 3, callsFailed: 4, budgetReached: 5, errorRate: 6, interrupted: 130 } as const;

/** How long a stopped command may take to wind down before the process quits anyway. */
const STOP_GRACE_MS = 1000;

/** `stopHint` is printed when a stopped command has to be cut off (e.g. how to resume the run). */
export async function runCommand(body: (signal: AbortSignal) => Promise<number>, stopHint = ''): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\nstopping: saving finished work\n');
    controller.abort();
    // Work that does not watch the signal (a model load, a native call) must not keep us waiting.
    setTimeout(() => {
      process.stderr.write(`stopped; finished work is saved.${stopHint ? ` ${stopHint}` : ''}\n`);
      process.exit(EXIT.interrupted);
    }, STOP_GRACE_MS).unref();
  };
  // This command now owns Ctrl-C: the loader's quit-at-once handler (bin/synthkit.js) steps aside.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
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
  if (BudgetExceededError.isInstance(error)) {
    process.stderr.write(`synthkit: ${(error as Error).message}\n`);
    return EXIT.budgetReached;
  }
  if (ErrorRateExceededError.isInstance(error)) {
    process.stderr.write(`synthkit: ${(error as Error).message}\n`);
    return EXIT.errorRate;
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
