import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // CI also writes a JSON report, from which .ci/run prints the run's totals.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '../test-results/api.json' },
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel on two workers; each file owns its rows through unique values.
    maxWorkers: 2,
  },
})
