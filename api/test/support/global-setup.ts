import type { TestProject } from 'vitest/node'
import { createRedisKeyPrefix, createTestDatabase } from './database.js'
import { deleteRedisKeys } from './redis.js'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    redisKeyPrefix: string
  }
}

/** One database and one Redis prefix per `npm test` run, removed when the run ends. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase('test')
  const redisKeyPrefix = createRedisKeyPrefix('test')
  project.provide('databaseUrl', database.databaseUrl)
  project.provide('redisKeyPrefix', redisKeyPrefix)
  return async () => {
    await database.drop()
    await deleteRedisKeys(redisKeyPrefix)
  }
}
