import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { startTestStack } from '../api/test/support/stack.ts'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the running product: API and built SPA on one port. */
    baseUrl: string
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(SPA_DIST_DIR, 'index.html'))) {
    throw new Error(`No SPA build in ${SPA_DIST_DIR}. Run "npm run e2e", which builds it first.`)
  }
  const stack = await startTestStack({ spaDistDir: SPA_DIST_DIR })
  project.provide('baseUrl', stack.baseUrl)
  return async () => {
    await stack.stop()
  }
}
