import { describeError } from '../../lib/api'
import { Alert } from './alert'
import { Button } from './button'

type LoadErrorProps = {
  /** What failed to load, in words: "your interviews". */
  what: string
  error: unknown
  onRetry: () => unknown
  isRetrying: boolean
  className?: string
}

/** A failed load, with the reason and a retry. */
export function LoadError({ what, error, onRetry, isRetrying, className }: LoadErrorProps) {
  return (
    <Alert
      className={className}
      title={`We couldn't load ${what}`}
      actions={
        <Button variant="secondary" size="sm" onClick={() => onRetry()} disabled={isRetrying}>
          {isRetrying ? 'Trying again…' : 'Try again'}
        </Button>
      }
    >
      {describeError(error)}
    </Alert>
  )
}
