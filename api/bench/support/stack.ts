import { loadConfig } from '../../src/infra/config.js'
import { buildServices, closeServices, type Services } from '../../src/infra/container.js'
import { createLogger } from '../../src/infra/logger.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { createRedisKeyPrefix, createTestDatabase } from '../../test/support/database.js'
import { deleteRedisKeys } from '../../test/support/redis.js'

export type BenchStack = { services: Services; server: RunningServer; stop(): Promise<void> }

/** The API as it runs in production, on a throw-away database and Redis prefix. */
export async function startBenchStack(): Promise<BenchStack> {
  const database = await createTestDatabase('bench')
  const redisKeyPrefix = createRedisKeyPrefix('bench')
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.databaseUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
  })
  const services = buildServices(config, { logger: createLogger({ level: 'warn' }) })
  const server = await startServer(services, { port: 0, host: '127.0.0.1' })
  return {
    services,
    server,
    async stop() {
      await server.close()
      await closeServices(services)
      await database.drop()
      await deleteRedisKeys(redisKeyPrefix)
    },
  }
}
