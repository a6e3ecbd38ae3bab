import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

type OutboxPage = InferResponseType<typeof api.api.outbox.$get, 200>
export type OutboxMessage = OutboxPage['items'][number]

export async function listOutbox(options: { cursor?: string; signal?: AbortSignal }): Promise<OutboxPage> {
  return unwrap(
    await api.api.outbox.$get(
      { query: options.cursor ? { cursor: options.cursor } : {} },
      { init: { signal: options.signal } },
    ),
  )
}

export const outboxQueryKey = ['invites', 'outbox'] as const

/** The outbox, newest first: the recruiter's own messages, or everyone's for an admin. */
export function useOutbox() {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: outboxQueryKey,
      queryFn: ({ pageParam, signal }) => listOutbox({ cursor: pageParam, signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
  )
}
