import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { CandidateInterviewPage } from '../pages/candidate-interview-page'
import { InterviewShell } from './layout/interview-shell'
import { createQueryClient } from './query-client'

/**
 * The candidate's interview as an app of its own (`interview.html`, served for `/interview` and
 * `/interview/<token>`): no router, no live-update socket, no recruiter or admin code, so a
 * candidate on a phone downloads only the interview.
 */
export function InterviewApp() {
  // One client for the app's lifetime; useState keeps StrictMode's double render from making two.
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <InterviewShell>
        <CandidateInterviewPage />
      </InterviewShell>
    </QueryClientProvider>
  )
}
