import { Command } from 'commander';
import { loadRecipeFile } from '../recipe/load-recipe.js';
import { EXIT, runCommand } from './run-command.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a recipe without calling any model; prints the column order')
    .argument('<recipe>', 'recipe YAML file')
    .action((file: string) =>
      runCommand(async () => {
        const plan = loadRecipeFile(file);
        process.stdout.write(`${file}: valid; ${plan.recipe.records} records, columns in order: ${plan.columns.map((c) => c.column.name).join(' -> ')}\n`);
        return EXIT.ok;
      }),
    );
}
