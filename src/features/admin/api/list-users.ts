import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

type UserPage = InferResponseType<typeof api.api.admin.users.$get, 200>
export type AdminUser = UserPage['items'][number]
export type AdminUserRole = AdminUser['role']

/** What the list is narrowed to: text matched against email and name, and a role. */
export type UserFilters = Pick<InferRequestType<typeof api.api.admin.users.$get>['query'], 'q' | 'role'>

/** One page of users, newest first; `cursor` is the previous page's `nextCursor`. */
export async function listUsers(options: {
  filters: UserFilters
  cursor?: string
  signal?: AbortSignal
}): Promise<UserPage> {
  const { filters, cursor, signal } = options
  return unwrap(
    await api.api.admin.users.$get(
      {
        query: {
          ...(filters.q ? { q: filters.q } : {}),
          ...(filters.role ? { role: filters.role } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
      { init: { signal } },
    ),
  )
}

export const usersQueryKey = ['admin', 'users'] as const

export function usersQueryOptions(filters: UserFilters) {
  return infiniteQueryOptions({
    queryKey: [...usersQueryKey, filters],
    queryFn: ({ pageParam, signal }) => listUsers({ filters, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

/** Users matching `filters`; the previous results stay on screen while a new search loads. */
export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({ ...usersQueryOptions(filters), placeholderData: keepPreviousData })
}
