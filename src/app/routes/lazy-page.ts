import type { ComponentType } from 'react'

/**
 * A route's page, downloaded the first time it is visited: a candidate opening their interview
 * link loads the interview page, not the recruiter's board or the admin area.
 */
export function lazyPage<Module, Name extends keyof Module>(load: () => Promise<Module>, name: Name) {
  return async () => ({ Component: (await load())[name] as ComponentType })
}
