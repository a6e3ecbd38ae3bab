import { useEffect, useState } from 'react'
import { Alert } from '../components/ui/alert'
import { Spinner } from '../components/ui/spinner'
import { useCandidateInterview } from '../features/candidate-link/api/get-candidate-interview'
import { readInterviewToken, saveInterviewToken } from '../features/candidate-link/api/link-token'
import { InterviewFlow } from '../features/candidate-link/components/interview-flow'
import { LinkProblem } from '../features/candidate-link/components/link-problem'

const INTERVIEW_PATH = '/interview'

/** The token of a `/interview/<token>` address, or undefined on any other. */
function readTokenFromAddress(): string | undefined {
  const [prefix, segment, ...rest] = window.location.pathname.split('/').slice(1)
  if (`/${prefix}` !== INTERVIEW_PATH || !segment || rest.length > 0) return undefined
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * `/interview/<token>` keeps the token for this tab and replaces the address with `/interview`
 * at once; `/interview` runs the interview the stored token opens.
 *
 * The page reads and rewrites the address itself instead of through the router: it is also the
 * whole of the candidate's own light entry (`interview.html`), which ships without one.
 */
export function CandidateInterviewPage() {
  const [tokenInUrl, setTokenInUrl] = useState(readTokenFromAddress)
  useEffect(() => {
    if (!tokenInUrl) return
    saveInterviewToken(tokenInUrl)
    // The history entry's state is kept: under the main app's router it holds the router's own.
    window.history.replaceState(window.history.state, '', INTERVIEW_PATH)
    setTokenInUrl(undefined)
  }, [tokenInUrl])

  const token = tokenInUrl ?? readInterviewToken()
  const interview = useCandidateInterview(tokenInUrl ? null : token)

  return (
    <>
      <title>Your interview — VantaHire</title>
      <div className="mx-auto max-w-2xl px-4 py-6 sm:px-6 sm:py-12">
        {!token ? (
          <>
            <h1 className="mb-4 font-bold text-2xl text-slate-900 tracking-tight">Your interview</h1>
            <Alert title="Open your interview link">
              <p>
                This page needs the personal link from your invitation. Open it again from your email or
                message.
              </p>
            </Alert>
          </>
        ) : interview.isPending ? (
          <Spinner label="Loading your interview…" />
        ) : interview.isError ? (
          <LinkProblem error={interview.error} />
        ) : (
          <InterviewFlow token={token} interview={interview.data} receivedAt={interview.dataUpdatedAt} />
        )}
      </div>
    </>
  )
}
