import { hc } from 'hono/client'
import type { AppType, createApp } from '../../src/app.js'
import { APP_ORIGIN } from './http.js'

type App = ReturnType<typeof createApp>['app']

/**
 * The API as the SPA sees it, for in-process tests: Hono's RPC client typed from the app's own
 * routes, so a test reads `await (await client.api.interviews.$get({ query })).json()` with the
 * response's real type (no `any`), and a changed route breaks the test's type-check. Like a browser,
 * it keeps cookies between calls and sends the app's Origin.
 */
export function createTypedClient(app: App, options: { origin?: string } = {}) {
  const cookies = new Map<string, string>()
  const client = hc<AppType>('http://localhost', {
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers)
      headers.set('origin', options.origin ?? APP_ORIGIN)
      if (cookies.size > 0)
        headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
      const url = new URL(input instanceof Request ? input.url : String(input))
      const response = await app.request(url.pathname + url.search, { ...init, headers })
      for (const cookie of response.headers.getSetCookie()) {
        const [name = '', value = ''] = (cookie.split(';')[0] ?? '').split('=')
        if (value && !/max-age=0/i.test(cookie)) cookies.set(name.trim(), value.trim())
        else cookies.delete(name.trim())
      }
      return response
    },
  })
  // The client is a proxy that reads every property as a path, so the cookie jar travels beside it.
  return { client, cookies }
}

export type TypedClient = ReturnType<typeof createTypedClient>
