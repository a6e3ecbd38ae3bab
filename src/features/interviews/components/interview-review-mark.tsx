import { DateText } from '../../../components/date-text'
import { Alert } from '../../../components/ui/alert'
import { Button } from '../../../components/ui/button'
import { describeError } from '../../../lib/api'
import { useCurrentUser } from '../../auth'
import type { Interview } from '../api/list-interviews'
import { useMarkInterviewReviewed } from '../api/mark-interview-reviewed'

/** Whether the finished interview's results have been reviewed, and the button that says so. */
export function InterviewReviewMark({ interview }: { interview: Interview }) {
  const markReviewed = useMarkInterviewReviewed(interview.id)
  const userId = useCurrentUser().data?.id

  if (interview.reviewedAt) {
    const reviewer =
      interview.reviewedBy?.id === userId ? 'you' : interview.reviewedBy?.fullName?.trim() || 'a colleague'
    return (
      <p className="text-slate-700 text-sm">
        Reviewed by {reviewer} on <DateText value={interview.reviewedAt} />.
      </p>
    )
  }
  return (
    <div className="space-y-3">
      <p className="text-slate-700 text-sm">
        This interview is waiting for your review on the dashboard. Once you have read the results, mark it
        reviewed.
      </p>
      <Button size="sm" disabled={markReviewed.isPending} onClick={() => markReviewed.mutate()}>
        {markReviewed.isPending ? 'Marking…' : 'Mark reviewed'}
      </Button>
      {markReviewed.isError ? (
        <Alert title="Not marked as reviewed">{describeError(markReviewed.error)}</Alert>
      ) : null}
    </div>
  )
}
