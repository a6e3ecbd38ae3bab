import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { type Prisma, PrismaClient } from '../generated/prisma/client.js'
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

/** Prisma's `DateTime` is a timestamp without a zone, written as UTC; pg would read it as local time. */
function parseUtcTimestamp(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`)
}

const LIST_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMP
      ? parseUtcTimestamp
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
}

/**
 * The rows of one statement, straight from the pool: for the lists, whose pages are hand-written SQL
 * and whose rows Prisma's raw queries would read a second time, value by value. Timestamps come back
 * as dates, as Prisma returns them.
 */
export async function queryRows<T extends pg.QueryResultRow>(
  pool: pg.Pool,
  statement: Prisma.Sql,
): Promise<T[]> {
  const result = await pool.query<T>({ text: statement.text, values: statement.values, types: LIST_TYPES })
  return result.rows
}
