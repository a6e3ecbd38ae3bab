import { Link } from 'react-router'
import { Alert } from '../../../components/ui/alert'
import { buttonClassName } from '../../../components/ui/button'

/** A 404 for an interview: deleted, or not one of the signed-in recruiter's. */
export function InterviewNotFound() {
  return (
    <Alert
      title="This interview doesn't exist"
      actions={
        <Link to="/interviews" className={buttonClassName({ variant: 'secondary', size: 'sm' })}>
          Go to your interviews
        </Link>
      }
    >
      It may have been deleted, or it belongs to another recruiter.
    </Alert>
  )
}
