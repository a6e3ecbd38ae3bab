import { loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices, type Services } from '../../src/infra/container.js'
import { startServer } from '../../src/server.js'
import { FakeOidcProvider, type FakeOidcUser } from '../fakes/oidc-provider.js'
import { createRedisKeyPrefix, createTestDatabase } from './database.js'
import { getFreePort } from './free-port.js'
import { deleteRedisKeys } from './redis.js'

/**
 * The whole product for browser tests: a fresh migrated database, its own Redis prefix, and the real
 * API server on a free port serving the built SPA from `spaDistDir` (one origin, as in production).
 * Development sign-in is on, and with `oidcUser` a fake Google and LinkedIn sign that account in.
 * No language model is configured (text interviews ask the recruiter's questions as written) unless
 * `env` points `LLM_BASE_URL` and `GROQ_API_KEY` at one, such as the fake in test/fakes/.
 */
export async function startTestStack(options: {
  spaDistDir?: string
  oidcUser?: FakeOidcUser
  /** More configuration, applied last. */
  env?: Record<string, string>
}): Promise<{
  baseUrl: string
  /** The running API's own services, for a test that must arrange what no request can (a clock run down). */
  services: Services
  stop(): Promise<void>
}> {
  const database = await createTestDatabase('e2e')
  const redisKeyPrefix = createRedisKeyPrefix('e2e')
  const fake = options.oidcUser ? await FakeOidcProvider.start() : undefined
  const providers: Record<string, string> = {}
  if (fake && options.oidcUser) {
    for (const provider of ['google', 'linkedin'] as const) {
      fake.setUser(provider, options.oidcUser)
      const prefix = provider.toUpperCase()
      providers[`${prefix}_CLIENT_ID`] = fake.clients[provider].clientId
      providers[`${prefix}_CLIENT_SECRET`] = fake.clients[provider].clientSecret
      providers[`${prefix}_ISSUER`] = fake.issuer(provider)
    }
  }
  const port = await getFreePort()
  // The browser's origin is the API's own, as in production: one origin for the SPA and the API.
  const baseUrl = `http://127.0.0.1:${port}`
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.databaseUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    API_URL: baseUrl,
    FRONTEND_URL: baseUrl,
    AUTH_DEV_LOGIN: 'true',
    // A key in the developer's shell must not send browser tests' conversations to a real provider.
    GROQ_API_KEY: '',
    DEEPGRAM_API_KEY: '',
    CARTESIA_API_KEY: '',
    // Nor invites to real people: without these keys, invites go to the outbox; tests that want a
    // provider point its base URL at a fake and set the key themselves.
    BREVO_API_KEY: '',
    WHATSAPP_API_KEY: '',
    WHATSAPP_PHONE_ID: '',
    ...providers,
    ...options.env,
  })
  const services = buildServices(config)
  const server = await startServer(services, { port, host: '127.0.0.1', spaRoot: options.spaDistDir })
  return {
    baseUrl,
    services,
    async stop() {
      await server.close()
      await closeServices(services)
      await database.drop()
      await deleteRedisKeys(redisKeyPrefix)
      await fake?.stop()
    },
  }
}
