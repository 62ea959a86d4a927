import { Command } from 'commander';
import { DEFAULT_QUEUE_NAME, runWorker } from '../models/queue/run-worker.js';
import { positiveInt } from './generate-command.js';
import { EXIT, runCommand } from './run-command.js';

export function workerCommand(): Command {
  return new Command('worker')
    .description("take model calls from a run coordinator (`synthkit generate --queue`) and make them; API keys come from this machine's environment")
    .requiredOption('--queue <redis-url>', 'the Redis queue the coordinator uses (redis://host:6379)')
    .option('--queue-name <name>', 'queue name', DEFAULT_QUEUE_NAME)
    .option('-c, --concurrency <n>', 'calls at once in this worker', positiveInt, 64)
    .option('--lock-ms <ms>', "how long a job's lock lasts; a killed worker's calls return to the queue after about this", positiveInt, 30_000)
    .option('-q, --quiet', 'no progress output')
    .action((opts: { queue: string; queueName: string; concurrency: number; lockMs: number; quiet?: boolean }) =>
      runCommand(async (signal) => {
        let calls = 0;
        let failed = 0;
        if (!opts.quiet)
          process.stderr.write(`worker: taking model calls from ${opts.queue} (${opts.queueName}), ${opts.concurrency} at once; Ctrl-C to stop\n`);
        await runWorker({
          url: opts.queue,
          queueName: opts.queueName,
          concurrency: opts.concurrency,
          lockMs: opts.lockMs,
          signal,
          onCall: (_model, ok) => {
            calls++;
            if (!ok) failed++;
          },
        });
        if (!opts.quiet) process.stderr.write(`worker: stopped after ${calls} calls (${failed} failed)\n`);
        return EXIT.ok;
      }),
    );
}
