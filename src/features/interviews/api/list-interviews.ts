import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InterviewPage = InferResponseType<typeof api.api.interviews.$get, 200>
export type Interview = InterviewPage['items'][number]
export type InterviewStatus = Interview['status']
export type InterviewType = Interview['type']
type ListQuery = InferRequestType<typeof api.api.interviews.$get>['query']
export type InterviewSort = NonNullable<ListQuery['sort']>

/** What a list of interviews is narrowed and ordered by; left-out fields mean "all". */
export type InterviewFilters = {
  status?: InterviewStatus
  jobId?: string
  /** Part of the candidate's email or name. */
  q?: string
  sort?: InterviewSort
  /** Interviews per page, 1–100. */
  limit?: number
}

/** One page of the signed-in recruiter's interviews (an admin's: everyone's). */
export async function listInterviews(
  filters: InterviewFilters & { cursor?: string },
  options: { signal?: AbortSignal } = {},
): Promise<InterviewPage> {
  const query: ListQuery = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.jobId ? { jobId: filters.jobId } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.limit ? { limit: filters.limit } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  }
  return unwrap(await api.api.interviews.$get({ query }, { init: { signal: options.signal } }))
}

/** Every cached list of interviews starts with this key, whatever its filters. */
export const interviewListsQueryKey = ['interviews', 'list'] as const

export function interviewListQueryOptions(filters: InterviewFilters) {
  return infiniteQueryOptions({
    queryKey: [...interviewListsQueryKey, filters],
    queryFn: ({ pageParam, signal }) => listInterviews({ ...filters, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

/**
 * Pages of interviews, fetched one "Load more" at a time. While other filters load, the previous
 * results stay on screen instead of a spinner.
 */
export function useInterviewList(filters: InterviewFilters) {
  return useInfiniteQuery({ ...interviewListQueryOptions(filters), placeholderData: keepPreviousData })
}

/** The API's largest page: the dashboard's figures are computed from the newest hundred interviews. */
export const RECENT_INTERVIEWS_LIMIT = 100

/** The newest hundred interviews in one answer, for figures and a "recent" list. */
export function recentInterviewsQueryOptions() {
  return queryOptions({
    queryKey: [...interviewListsQueryKey, 'recent'],
    queryFn: ({ signal }) => listInterviews({ sort: 'newest', limit: RECENT_INTERVIEWS_LIMIT }, { signal }),
  })
}

export function useRecentInterviews() {
  return useQuery(recentInterviewsQueryOptions())
}
