import type { RouteObject } from 'react-router'
import { AdminLayout } from '../../features/admin/components/admin-layout'
import type { UserRole } from '../../features/auth/api/get-current-user'
import { RequireAuth } from '../../features/auth/components/require-auth'
import { AdminApprovalsPage } from '../../pages/admin-approvals-page'
import { AdminJobsPage } from '../../pages/admin-jobs-page'
import { AdminOverviewPage } from '../../pages/admin-overview-page'
import { AdminSettingsPage } from '../../pages/admin-settings-page'
import { AdminUsersPage } from '../../pages/admin-users-page'
import { JobBoardJobPage } from '../../pages/job-board-job-page'
import { JobBoardPage } from '../../pages/job-board-page'
import { MyApplicationsPage } from '../../pages/my-applications-page'

/** The public job board, candidates' applications and the admin area: children of the layout route. */
export const adminAndBoardRoutes: RouteObject[] = [
  { path: 'careers', element: <JobBoardPage /> },
  { path: 'careers/:id', element: <JobBoardJobPage /> },
  {
    element: <RequireAuth roles={['CANDIDATE']} />,
    children: [{ path: 'my-applications', element: <MyApplicationsPage /> }],
  },
  {
    path: 'admin',
    element: <RequireAuth roles={['ADMIN']} />,
    children: [
      {
        element: <AdminLayout />,
        children: [
          { index: true, element: <AdminOverviewPage /> },
          { path: 'users', element: <AdminUsersPage /> },
          { path: 'approvals', element: <AdminApprovalsPage /> },
          { path: 'settings', element: <AdminSettingsPage /> },
          { path: 'jobs', element: <AdminJobsPage /> },
        ],
      },
    ],
  },
]

export type NavItem = {
  to: string
  label: string
  /** Shown only to these roles when given; to everyone, signed in or not, otherwise. */
  roles?: readonly UserRole[]
}

/** Header links for these routes. Admins pass every role check in the API, but see only their own area here. */
export const adminAndBoardNav: readonly NavItem[] = [
  { to: '/careers', label: 'Job board' },
  { to: '/my-applications', label: 'My applications', roles: ['CANDIDATE'] },
  { to: '/admin', label: 'Admin', roles: ['ADMIN'] },
]
