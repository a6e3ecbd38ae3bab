import { z } from '@hono/zod-openapi'

/** Cursor pagination shared by every list: `?limit=` (1–100, default 20) and `?cursor=` from the previous page. */
export const PaginationQuerySchema = z.object({
  cursor: z.uuid({ error: 'must be the nextCursor of a previous page' }).optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(100, { error: 'must be at most 100' })
    .default(20),
})

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })

/**
 * Prisma arguments for one page: one row more than asked, to know whether another page follows.
 * The ordering must end with the unique `id`, so the cursor is unambiguous.
 */
export function pageArgs(query: { cursor?: string; limit: number }) {
  return {
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  }
}

/** One page of `rows` (fetched with `pageArgs`), each presented for the response, and the next cursor. */
export function toPage<T extends { id: string }, U>(
  rows: T[],
  limit: number,
  present: (row: T) => U,
): { items: U[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  return { items: items.map(present), nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null }
}
