import { AdminPageHeader } from '../features/admin/components/admin-layout'
import { PlatformFigures } from '../features/admin/components/platform-figures'

/** `/admin`: the platform's figures at a glance, with the way into each admin section. */
export function AdminOverviewPage() {
  return (
    <>
      <AdminPageHeader title="Admin overview">
        VantaHire's figures right now. Jobs awaiting approval stay off the job board until you review them.
      </AdminPageHeader>
      <div className="mt-8">
        <PlatformFigures />
      </div>
    </>
  )
}
