import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { buttonClassName } from '../../../components/ui/button'

/** A 404 for a job: deleted, or not one of the signed-in recruiter's. */
export function JobNotFound() {
  return (
    <Alert
      title="This job doesn't exist"
      actions={
        <Link to="/jobs" className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
          Go to your jobs
        </Link>
      }
    >
      It may have been deleted, or it belongs to another recruiter.
    </Alert>
  )
}
