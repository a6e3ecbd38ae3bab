import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.js'

const noop = async () => {}

/** The candidate's link opens its own light entry, built from `interview.html` beside `index.html`. */
const INTERVIEW_PATH = /^\/interview(\/|$)/

/**
 * Serves the built SPA from `root` (one origin: the API, socket.io and the app share a host).
 * Hashed assets are cached for a year; every other path gets `index.html` uncached, so client-side
 * routes work on reload and a deploy is picked up at once. `/interview` and `/interview/<token>` get
 * `interview.html` instead (when the build has one): the candidate's interview without the rest of the app.
 */
export function spa(options: { root: string }): MiddlewareHandler<AppEnv> {
  const indexPath = join(options.root, 'index.html')
  if (!existsSync(indexPath)) {
    throw new Error(
      `The SPA build is missing: ${indexPath} does not exist (run npm run build at the repository root)`,
    )
  }
  const assets = serveStatic<AppEnv>({ root: options.root })
  const index = serveStatic<AppEnv>({ path: indexPath })
  const interviewPath = join(options.root, 'interview.html')
  const interview = existsSync(interviewPath) ? serveStatic<AppEnv>({ path: interviewPath }) : index
  return async function spa(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const asset = await assets(c, noop)
    const page = INTERVIEW_PATH.test(c.req.path) ? interview : index
    const response = asset ?? (await page(c, noop))
    if (!response) return next()
    const isHashedAsset = asset !== undefined && c.req.path.startsWith('/assets/')
    response.headers.set('Cache-Control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache')
    return response
  }
}
