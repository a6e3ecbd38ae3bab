import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQueries } from '@tanstack/react-query'
import type { InferRequestType, InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

type Endpoint = (typeof api.api.jobs)[':id']['applications']['$get']
export type ApplicationPage = InferResponseType<Endpoint, 200>
export type Application = ApplicationPage['items'][number]
export type ApplicationStatus = Application['status']
type ListQuery = InferRequestType<Endpoint>['query']

/** The board loads a job's applications a hundred at a time (the API's largest page). */
const BOARD_PAGE_SIZE = 100
/** The dashboard shows a few new applications per job. */
const NEW_APPLICATIONS_PER_JOB = 5

/** One page of a job's applications, newest first. */
export async function listJobApplications(
  jobId: string,
  params: { status?: ApplicationStatus; cursor?: string; limit?: number } = {},
  options: { signal?: AbortSignal } = {},
): Promise<ApplicationPage> {
  const query: ListQuery = {
    ...(params.status ? { status: params.status } : {}),
    ...(params.limit ? { limit: params.limit } : {}),
    ...(params.cursor ? { cursor: params.cursor } : {}),
  }
  const res = await api.api.jobs[':id'].applications.$get(
    { param: { id: jobId }, query },
    { init: { signal: options.signal } },
  )
  return unwrap(res)
}

/** The board's cache for one job: every status, in pages. */
export const applicationBoardQueryKey = (jobId: string) => ['applications', 'board', jobId] as const

export function applicationBoardQueryOptions(jobId: string) {
  return infiniteQueryOptions({
    queryKey: applicationBoardQueryKey(jobId),
    queryFn: ({ pageParam, signal }) =>
      listJobApplications(jobId, { cursor: pageParam, limit: BOARD_PAGE_SIZE }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  })
}

export function useApplicationBoard(jobId: string) {
  return useInfiniteQuery(applicationBoardQueryOptions(jobId))
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
