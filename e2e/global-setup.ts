import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { startTestStack } from '../api/test/support/stack.ts'

const SPA_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

/** The account the fake Google and LinkedIn sign in; auth.e2e.ts signs up as this recruiter. */
const E2E_OIDC_USER = {
  sub: 'e2e-google-user',
  email: 'e2e.recruiter@vantahire.test',
  emailVerified: true,
  name: 'Erin Example',
}

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
  const stack = await startTestStack({ spaDistDir: SPA_DIST_DIR, oidcUser: E2E_OIDC_USER })
  project.provide('baseUrl', stack.baseUrl)
  return async () => {
    await stack.stop()
  }
}
