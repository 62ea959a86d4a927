import { join } from 'node:path';
import { evaluate } from './src/evaluate/evaluate.js';
const MODEL = process.argv[2];
for (const file of process.argv.slice(3)) {
  const { metrics } = (await evaluate(file, { columns: ['text'], seed: 1, diversity: { embed: `local:${MODEL}` } }, { out: join(file, '..', 'evaluation-embed') })) as any;
  console.log(file, 'words', metrics.diversity.text.words.mean.toFixed(1), 'vendi', metrics.embeddings?.vendi?.toFixed(3), 'nn', metrics.embeddings?.nearest_neighbour?.mean?.toFixed(3));
}
