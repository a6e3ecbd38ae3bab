import { Writable } from 'node:stream'
import { inject } from 'vitest'
import { type Config, loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices, type Services } from '../../src/infra/container.js'
import { createLogger } from '../../src/infra/logger.js'
import { createRedisKeyPrefix, createTestDatabase } from './database.js'

/** Configuration for this test run: its own database and Redis prefix, plus any overrides. */
export function createTestConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_KEY_PREFIX: inject('redisKeyPrefix'),
    PORT: '0',
    HOST: '127.0.0.1',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // A loaded two-core test machine can take over a second to answer; the stall tests set their own.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    // A key in the developer's shell must not send test conversations to a real provider; tests
    // that want a model (or voice) point the base URL at a fake and set a key themselves.
    GROQ_API_KEY: '',
    // Nor invites to real people: without these keys, invites go to the outbox; tests that want a
    // provider point its base URL at a fake and set the key themselves.
    BREVO_API_KEY: '',
    WHATSAPP_API_KEY: '',
    WHATSAPP_PHONE_ID: '',
    // The run's files share one database: a job in one file's server would act on every file's rows.
    CRON_ENABLED: 'false',
    DEEPGRAM_API_KEY: '',
    CARTESIA_API_KEY: '',
    ...overrides,
  })
}

/** Every log line written during a test, parsed, plus the raw text to search for leaked secrets. */
export type CapturedLogs = { lines: Record<string, unknown>[]; text(): string }

/** Real services (Postgres, Redis) for one test file, with the log captured in memory. */
export function createTestServices(
  overrides: Record<string, string> = {},
): Services & { logs: CapturedLogs; close(): Promise<void> } {
  const config = createTestConfig(overrides)
  let raw = ''
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      raw += chunk.toString()
      callback()
    },
  })
  const logger = createLogger({ level: 'debug', destination })
  const services = buildServices(config, { logger })
  const logs: CapturedLogs = {
    get lines() {
      return raw
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    },
    text: () => raw,
  }
  return { ...services, logs, close: () => closeServices(services) }
}

/**
 * Services on a database of their own, for tests that change platform-wide state (admin settings)
 * that other test files, running at the same time, must not see.
 */
export async function createIsolatedTestServices(label: string, overrides: Record<string, string> = {}) {
  const database = await createTestDatabase(label)
  const services = createTestServices({
    DATABASE_URL: database.databaseUrl,
    REDIS_KEY_PREFIX: createRedisKeyPrefix(label),
    ...overrides,
  })
  return {
    ...services,
    async close() {
      await services.close()
      await database.drop()
    },
  }
}
