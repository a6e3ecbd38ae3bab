import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.js'

const noop = async () => {}

/**
 * Serves the built SPA from `root` (one origin: the API, socket.io and the app share a host).
 * Hashed assets are cached for a year; every other path gets `index.html` uncached, so client-side
 * routes work on reload and a deploy is picked up at once.
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
  return async function spa(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const asset = await assets(c, noop)
    const response = asset ?? (await index(c, noop))
    if (!response) return next()
    const isHashedAsset = asset !== undefined && c.req.path.startsWith('/assets/')
    response.headers.set('Cache-Control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache')
    return response
  }
}
