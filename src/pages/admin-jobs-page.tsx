import { AdminPageHeader } from '../features/admin/components/admin-layout'
import { BackgroundJobList } from '../features/admin/components/background-job-list'

/** `/admin/jobs`: the background jobs, their last runs, and running one now. */
export function AdminJobsPage() {
  return (
    <>
      <AdminPageHeader title="Background jobs">
        These run on a schedule, each tick on one API instance: expiring interviews, reminders, clean-up,
        sends and scoring. Running one now goes through the same lock, so it never runs twice at once.
      </AdminPageHeader>
      <div className="mt-8">
        <BackgroundJobList />
      </div>
    </>
  )
}
