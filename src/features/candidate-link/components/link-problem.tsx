import { Alert } from '../../../components/ui/alert'
import { ApiError } from '../../../lib/api'

/** What each refusal means for a candidate, and what they can do about it. */
function describe(error: unknown): { title: string; body: string } {
  if (!(error instanceof ApiError)) {
    return {
      title: 'We could not load your interview',
      body: 'Check your connection and reload the page. Your link is still valid.',
    }
  }
  if (error.status === 410) {
    return {
      title: 'This interview has expired',
      body: 'The deadline for this interview has passed. Contact the recruiter who invited you if you would still like to take part.',
    }
  }
  if (error.status === 429) {
    return {
      title: 'Too many attempts',
      body: `${error.message} If you copied the link by hand, open it from your email instead.`,
    }
  }
  switch (error.message) {
    case 'Interview access has been revoked':
      return {
        title: 'This link has been withdrawn',
        body: 'The recruiter has replaced or withdrawn this link. Look for a newer invitation, or ask the recruiter to send one.',
      }
    case 'Interview link has expired':
      return {
        title: 'This link has expired',
        body: 'Ask the recruiter who invited you for a new link.',
      }
    case 'Invalid interview token':
      return {
        title: 'This link is not valid',
        body: 'Make sure you opened the whole link from your invitation; email apps sometimes cut long links.',
      }
    default:
      return { title: 'We could not load your interview', body: error.message }
  }
}

/** The page a link that does not open shows: a heading to land on, and what went wrong. */
export function LinkProblem({ error }: { error: unknown }) {
  const { title, body } = describe(error)
  return (
    <>
      <h1 className="mb-4 font-bold text-2xl text-slate-900 tracking-tight">We cannot open this interview</h1>
      <Alert title={title}>
        <p>{body}</p>
      </Alert>
    </>
  )
}
