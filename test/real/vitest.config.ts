/**
 * The real-model tier (`npm run test:real`): not part of `npm test` or CI. It fetches Gemma 3 270M
 * once (test/real/fetch-real-model.ts) and runs the examples and the model paths on it. One file
 * at a time and one llama.cpp thread per engine: the machine is small and shared.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/real/**/*.real.ts'],
    globalSetup: ['test/real/global-setup.ts'],
    // A call that hangs must fail the test, not the patience of whoever runs it.
    // Generous: on a shared 2-core machine one example took 17 minutes (housing, 3 records, load 12).
    testTimeout: 1_500_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
