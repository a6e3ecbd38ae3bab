import type { createApp } from '../../src/app.js'

type App = ReturnType<typeof createApp>['app']
export const APP_ORIGIN = 'http://localhost:5173'

/**
 * A browser-like client for in-process requests: keeps cookies between calls and sends the app's
 * Origin on every request, as the SPA does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>()

  constructor(
    private readonly app: App,
    private readonly defaults: { origin?: string | null } = {},
  ) {}

  async request(path: string, init: RequestInit & { json?: unknown } = {}) {
    const headers = new Headers(init.headers)
    const origin = this.defaults.origin === undefined ? APP_ORIGIN : this.defaults.origin
    if (origin && !headers.has('origin')) headers.set('origin', origin)
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    let body = init.body
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    }
    const response = await this.app.request(path, { ...init, headers, body })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';')
      const [name = '', value = ''] = pair.split('=')
      const isExpired = attributes.some((attribute) => /max-age=0/i.test(attribute.trim()))
      if (isExpired || value === '') this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value.trim())
    }
    const text = await response.text()
    let parsed: any
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = text
    }
    return { status: response.status, body: parsed, headers: response.headers }
  }

  /** Signs in through development sign-in (AUTH_DEV_LOGIN must be on). */
  async signIn(email: string, role: 'RECRUITER' | 'CANDIDATE' | 'ADMIN' = 'RECRUITER') {
    const response = await this.request('/api/auth/dev-login', { method: 'POST', json: { email, role } })
    if (response.status !== 200)
      throw new Error(`dev sign-in failed: ${response.status} ${JSON.stringify(response.body)}`)
    return response.body.user as { id: string; email: string; role: string }
  }
}

/** A unique email per call, so tests never share rows. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@vantahire.test`
}

/**
 * Polls `GET /ready` until the instance answers 200: right after start its Redis and Postgres
 * connections may still be opening, and readiness rightly says so.
 */
export async function waitUntilReady(baseUrl: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 0
  while (Date.now() < deadline) {
    last = (await fetch(`${baseUrl}/ready`)).status
    if (last === 200) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${baseUrl} was not ready within ${timeoutMs} ms (last answer ${last})`)
}
