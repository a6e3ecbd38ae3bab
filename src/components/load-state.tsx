import type { ReactNode } from 'react'
import { describeError } from '../lib/api'
import { Alert } from './ui/alert'
import { Button } from './ui/button'
import { Spinner } from './ui/spinner'

type LoadStateProps = {
  query: { isPending: boolean; isError: boolean; isFetching: boolean; error: unknown; refetch: () => unknown }
  /** What is loading, in words: "your details". */
  what: string
  children: () => ReactNode
}

/** A section's first load: a spinner, an error with a retry, or the content once the data is there. */
export function LoadState({ query, what, children }: LoadStateProps) {
  if (query.isPending) return <Spinner label={`Loading ${what}…`} />
  if (query.isError) {
    return (
      <Alert
        title={`We couldn't load ${what}`}
        actions={
          <Button variant="secondary" size="sm" onClick={() => query.refetch()} disabled={query.isFetching}>
            {query.isFetching ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {describeError(query.error)}
      </Alert>
    )
  }
  return children()
}
