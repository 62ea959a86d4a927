import { fetchRealModel } from './fetch-real-model.js';

/** Fetches the model before any test file starts (a no-op once it is cached). */
export default async function setup(): Promise<void> {
  await fetchRealModel((line) => process.stderr.write(`[test:real] ${line}\n`));
}
