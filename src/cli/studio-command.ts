import { Command } from 'commander';
import { startStudio } from '../studio/start-studio.js';
import { EXIT, runCommand } from './run-command.js';

export interface StudioCommandOptions {
  host?: string;
  port: string;
  reviewer?: string;
  label?: string;
}

export function studioCommand(): Command {
  return new Command('studio')
    .description('a local web app: watch runs live, browse and search datasets, read record lineage, review records')
    .argument('[run-dir...]', 'run directories, or folders holding them (default: the current folder)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1; any other address requires the printed token)')
    .option('-p, --port <port>', 'port (0 picks a free one)', '4477')
    .option('--reviewer <name>', 'reviewer name for decisions made without one in the page')
    .option('--label <field>', 'the label column the review page sets (default: label, category, class, sentiment, intent or topic)')
    .action((runs: string[], opts: StudioCommandOptions) =>
      runCommand(async (signal) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          process.stderr.write(`synthkit: --port ${opts.port}: give a port number from 0 to 65535\n`);
          return EXIT.failed;
        }
        const studio = await startStudio({ runs, host: opts.host, port, reviewer: opts.reviewer, labelField: opts.label });
        process.stdout.write(`synthkit studio: ${studio.openUrl}\n`);
        if (studio.openUrl !== studio.url) process.stdout.write('(the token in this URL is shown once; anyone with it can read and review these runs)\n');
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        await studio.close();
        return EXIT.ok;
      }),
    );
}
