import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: model-loading tests contend for them, so keep file parallelism modest.
    maxWorkers: 2,
  },
});
