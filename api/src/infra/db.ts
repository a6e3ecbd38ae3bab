import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.js'
import type { Logger } from './logger.js'

export type Database = PrismaClient

/**
 * One Prisma client over one pg pool. The pool is ours so that an idle connection dropped by
 * Postgres (restart, failover) is logged instead of crashing the process; the next query opens a
 * fresh connection.
 */
export function createDatabase(options: { url: string; poolSize: number; logger: Logger }): {
  prisma: PrismaClient
  pool: pg.Pool
} {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  })
  pool.on('error', (error) => options.logger.warn({ err: error }, 'postgres connection lost'))
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  return { prisma, pool }
}
