import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQueries,
} from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

type Endpoint = (typeof api.api.jobs)[':id']['applications']['$get']
export type ApplicationPage = InferResponseType<Endpoint, 200>
export type Application = ApplicationPage['items'][number]
export type ApplicationStatus = Application['status']
export type ApplicationStatusCounts = ApplicationPage['statusCounts']
type ListQuery = InferRequestType<Endpoint>['query']
export type ApplicationSort = NonNullable<ListQuery['sort']>

/** What the recruiter narrowed the board to; the same filters drive the table and the CSV export. */
export type ApplicationFilters = {
  q?: string
  status?: ApplicationStatus
  hasResume?: boolean
  scored?: boolean
  sort?: ApplicationSort
}

/** The filters as query parameters, leaving out what is not set. */
export function applicationFilterQuery(filters: ApplicationFilters): Omit<ListQuery, 'cursor' | 'limit'> {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.hasResume !== undefined ? { hasResume: String(filters.hasResume) as 'true' | 'false' } : {}),
    ...(filters.scored !== undefined ? { scored: String(filters.scored) as 'true' | 'false' } : {}),
    ...(filters.sort && filters.sort !== 'newest' ? { sort: filters.sort } : {}),
  }
}

/** The board loads a job's applications a hundred at a time (the API's largest page). */
const BOARD_PAGE_SIZE = 100
/** The dashboard shows a few new applications per job. */
const NEW_APPLICATIONS_PER_JOB = 5

/** One page of a job's applications, as the filters select and order them (newest first by default). */
export async function listJobApplications(
  jobId: string,
  params: ApplicationFilters & { cursor?: string; limit?: number } = {},
  options: { signal?: AbortSignal } = {},
): Promise<ApplicationPage> {
  const query: ListQuery = {
    ...applicationFilterQuery(params),
    ...(params.limit ? { limit: params.limit } : {}),
    ...(params.cursor ? { cursor: params.cursor } : {}),
  }
  const res = await api.api.jobs[':id'].applications.$get(
    { param: { id: jobId }, query },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

/** The board's caches for one job, one per set of filters (this prefix matches them all). */
export const applicationBoardQueryKey = (jobId: string) => ['applications', 'board', jobId] as const

export function applicationBoardQueryOptions(jobId: string, filters: ApplicationFilters = {}) {
  return infiniteQueryOptions({
    queryKey: [...applicationBoardQueryKey(jobId), applicationFilterQuery(filters)] as const,
    queryFn: ({ pageParam, signal }) =>
      listJobApplications(jobId, { ...filters, cursor: pageParam, limit: BOARD_PAGE_SIZE }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

/** A job's applications as the filters select them; the last answer stays while new filters load. */
export function useApplicationBoard(jobId: string, filters: ApplicationFilters = {}) {
  return useInfiniteQuery({
    ...applicationBoardQueryOptions(jobId, filters),
    placeholderData: keepPreviousData,
  })
}

/** The newest applications nobody has reviewed yet, for one job. */
export const newApplicationsQueryKey = (jobId: string) => ['applications', 'new', jobId] as const

export function newApplicationsQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: newApplicationsQueryKey(jobId),
    queryFn: ({ signal }) =>
      listJobApplications(jobId, { status: 'PENDING', limit: NEW_APPLICATIONS_PER_JOB }, { signal }),
  })
}

/** New applications across several jobs: one small request per job (the API lists per job only). */
export function useNewApplications(jobIds: readonly string[]) {
  return useQueries({
    queries: jobIds.map((jobId) => newApplicationsQueryOptions(jobId)),
    combine: (results) => ({
      isPending: results.some((result) => result.isPending),
      isError: results.some((result) => result.isError),
      isFetching: results.some((result) => result.isFetching),
      error: results.find((result) => result.isError)?.error ?? null,
      refetch: () => Promise.all(results.map((result) => result.refetch())),
      items: results
        .flatMap((result) => result.data?.items ?? [])
        .sort((a, b) => b.appliedAt.localeCompare(a.appliedAt)),
    }),
  })
}
