import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Browser tests against the whole product: the real API serving the built SPA, on a fresh database. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    // CI also writes a JSON report, from which .ci/run prints the run's totals.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/e2e.json' },
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    // One stack and a Chromium per file; in parallel they would fight over two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
})
