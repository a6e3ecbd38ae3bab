import { Redis } from 'ioredis'
import type { Logger } from './logger.js'

/**
 * The shared Redis connection. It reconnects forever with capped back-off; commands issued while
 * Redis is away fail fast (one retry) instead of queueing without bound, and with `commandTimeoutMs`
 * a command Redis does not answer in time fails too, so a request that needs Redis gets an error
 * rather than hanging, and the process never dies because Redis went away.
 */
export function createRedis(options: {
  url: string
  keyPrefix: string
  logger: Logger
  name?: string
  commandTimeoutMs?: number
}): Redis {
  const name = options.name ?? 'vantahire-api'
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    connectionName: name,
    commandTimeout: options.commandTimeoutMs,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  })
  let isDown = false
  redis.on('error', (error) => {
    if (!isDown) options.logger.warn({ err: error, connection: name }, 'redis connection lost')
    isDown = true
  })
  redis.on('ready', () => {
    if (isDown) options.logger.info({ connection: name }, 'redis connection restored')
    isDown = false
  })
  return redis
}
