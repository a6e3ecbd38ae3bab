import { AdminPageHeader } from '../features/admin/components/admin-layout'
import { UserList } from '../features/admin/components/user-list'

/** `/admin/users`: find people, change their role, disable or enable their account. */
export function AdminUsersPage() {
  return (
    <>
      <AdminPageHeader title="Users">
        Everyone with a VantaHire account, newest first. Changing someone's role or disabling them signs them
        out everywhere at once.
      </AdminPageHeader>
      <div className="mt-8">
        <UserList />
      </div>
    </>
  )
}
