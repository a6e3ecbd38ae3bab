import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { currentUserQueryKey } from '../features/auth/api/get-current-user'
import { ApiError } from '../lib/api'

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /** Holds nothing about the signed-in user, so it survives signing in and out. */
      isPublic?: boolean
    }
  }
}

/** Retries only what a retry can fix: a 4xx answer will be the same the second time. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

export function createQueryClient(): QueryClient {
  // A 401 from any request means the session ended (expired, or signed out on another device):
  // asking again who is signed in lets every page that needs a user send the person to sign in.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      void queryClient.invalidateQueries({ queryKey: currentUserQueryKey })
    }
  }
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  })
  return queryClient
}
