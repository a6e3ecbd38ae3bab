import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { ApiError, api, isRecord, unwrap } from '../../../lib/api'

const READINESS_POLL_MS = 10_000

type ReadyBody = InferResponseType<typeof api.ready.$get, 200>

/** Each dependency the API checks (postgres, redis, …) and its state, as the API reports them. */
export type DependencyChecks = ReadyBody['checks']
export type DependencyName = keyof DependencyChecks
export type DependencyState = DependencyChecks[DependencyName]

/**
 * "Not ready" is an answer, not a failure: the API says which dependency is down, and the
 * page should show that rather than a generic error. Only an unreachable API or an unexpected
 * answer is left to the query's error state.
 */
export type Readiness =
  | { isReady: true; checks: DependencyChecks }
  | { isReady: false; checks: Partial<Record<DependencyName, string>>; message: string; requestId?: string }

export async function getReadiness(options: { signal?: AbortSignal } = {}): Promise<Readiness> {
  const res = await api.ready.$get(undefined, { init: { signal: options.signal } })
  try {
    const body = await unwrap(res)
    return { isReady: true, checks: body.checks }
  } catch (error) {
    if (error instanceof ApiError && error.status === 503 && error.code === 'SERVICE_UNAVAILABLE') {
      return {
        isReady: false,
        checks: readChecks(error.details),
        message: error.message,
        requestId: error.requestId,
      }
    }
    throw error
  }
}

/** The 503 envelope's `details` is untyped JSON; keep only well-formed `checks` entries. */
function readChecks(details: unknown): Partial<Record<DependencyName, string>> {
  const checks = isRecord(details) ? details.checks : undefined
  if (!isRecord(checks)) return {}
  return Object.fromEntries(Object.entries(checks).filter(([, state]) => typeof state === 'string'))
}

export const readinessQueryKey = ['system', 'readiness'] as const

export function readinessQueryOptions() {
  return queryOptions({
    queryKey: readinessQueryKey,
    queryFn: ({ signal }) => getReadiness({ signal }),
    // The next poll is a retry already; retrying in between would only delay showing the outage.
    retry: false,
    meta: { isPublic: true },
  })
}

/** Readiness of the API and its dependencies, refreshed every 10 s while the tab is visible. */
export function useReadiness() {
  return useQuery({ ...readinessQueryOptions(), refetchInterval: READINESS_POLL_MS })
}
