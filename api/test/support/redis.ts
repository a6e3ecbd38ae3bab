import { Redis } from 'ioredis'
import { loadConfig } from '../../src/infra/config.js'

/** Deletes every key under `prefix` (the run's own keys) from the test Redis. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(loadConfig({ ...process.env, NODE_ENV: 'test' }).REDIS_URL, { lazyConnect: true })
  await redis.connect()
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
