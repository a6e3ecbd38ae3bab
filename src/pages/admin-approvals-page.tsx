import { AdminPageHeader } from '../features/admin/components/admin-layout'
import { PendingJobQueue } from '../features/admin/components/pending-job-queue'

/** `/admin/approvals`: recruiters' submitted jobs, oldest first, to approve or send back. */
export function AdminApprovalsPage() {
  return (
    <>
      <AdminPageHeader title="Job approvals">
        Jobs recruiters have submitted, oldest first. An approved job appears on the public job board at once;
        a rejected one goes back to its recruiter with your reason.
      </AdminPageHeader>
      <div className="mt-8">
        <PendingJobQueue />
      </div>
    </>
  )
}
