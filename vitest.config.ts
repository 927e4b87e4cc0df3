import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Not under .debrief/ (the default home): a test run before any `debrief run` made a folder
    // there that `debrief query` then refused as not a home. .ci/run reads this file.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
