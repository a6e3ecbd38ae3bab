import { BatchWriter } from './batch-writer.js'
import type { Database } from './db.js'
import type { Logger } from './logger.js'

/** One API-key request, as ApiUsageLog keeps it. */
export type ApiUsageRow = {
  apiKeyId: string
  endpoint: string
  method: string
  statusCode: number
  responseTimeMs: number
  ipAddress: string
  createdAt: Date
  /** The key's count for its UTC day after this request; absent when the request was not counted. */
  requestsToday?: number
}

export type ApiUsageLog = BatchWriter<ApiUsageRow>

const DAY_MS = 86_400_000
const startOfUtcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS)

/**
 * The writer of API usage: rows go to ApiUsageLog in batches, and each key's row in ApiKey gets its
 * latest request time and daily count once per batch rather than once per request.
 */
export function createApiUsageLog(options: {
  prisma: Database
  logger: Logger
  flushIntervalMs?: number
}): ApiUsageLog {
  const { prisma } = options
  return new BatchWriter<ApiUsageRow>({
    name: 'api-usage-log',
    logger: options.logger,
    flushIntervalMs: options.flushIntervalMs,
    write: async (rows) => {
      // Per key and UTC day, the highest count and the latest request of the batch.
      const latest = new Map<string, { apiKeyId: string; dayStart: Date; at: Date; requestsToday: number }>()
      for (const row of rows) {
        if (row.requestsToday === undefined) continue
        const dayStart = startOfUtcDay(row.createdAt)
        const id = `${row.apiKeyId}:${dayStart.getTime()}`
        const seen = latest.get(id)
        latest.set(id, {
          apiKeyId: row.apiKeyId,
          dayStart,
          at: seen && seen.at > row.createdAt ? seen.at : row.createdAt,
          requestsToday: Math.max(seen?.requestsToday ?? 0, row.requestsToday),
        })
      }
      await prisma.$transaction([
        prisma.apiUsageLog.createMany({
          data: rows.map(({ requestsToday: _counted, ...row }) => row),
        }),
        // Instances write in any order: a day's count only grows, and a later day's is left alone.
        ...[...latest.values()].map(
          ({ apiKeyId, dayStart, at, requestsToday }) => prisma.$executeRaw`
            UPDATE "ApiKey" SET
              "requestsToday" = CASE WHEN "lastRequestAt" >= ${dayStart}
                THEN GREATEST("requestsToday", ${requestsToday}) ELSE ${requestsToday} END,
              "lastRequestAt" = GREATEST(COALESCE("lastRequestAt", ${at}), ${at})
            WHERE id = ${apiKeyId}
              AND ("lastRequestAt" IS NULL OR "lastRequestAt" < ${new Date(dayStart.getTime() + DAY_MS)})`,
        ),
      ])
    },
  })
}
