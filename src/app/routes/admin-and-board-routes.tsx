import type { RouteObject } from 'react-router'
import type { UserRole } from '../../features/auth/api/get-current-user'
import { RequireAuth } from '../../features/auth/components/require-auth'
import { lazyPage } from './lazy-page'

/** The public job board, candidates' applications and the admin area: children of the layout route. */
export const adminAndBoardRoutes: RouteObject[] = [
  {
    path: 'careers',
    lazy: lazyPage(() => import('../../pages/job-board-page'), 'JobBoardPage'),
  },
  {
    path: 'careers/:id',
    lazy: lazyPage(() => import('../../pages/job-board-job-page'), 'JobBoardJobPage'),
  },
  {
    element: <RequireAuth roles={['CANDIDATE']} />,
    children: [
      {
        path: 'home',
        lazy: lazyPage(() => import('../../pages/candidate-home-page'), 'CandidateHomePage'),
      },
      {
        path: 'my-applications',
        lazy: lazyPage(() => import('../../pages/my-applications-page'), 'MyApplicationsPage'),
      },
    ],
  },
  {
    path: 'admin',
    element: <RequireAuth roles={['ADMIN']} />,
    children: [
      {
        lazy: lazyPage(() => import('../../features/admin/components/admin-layout'), 'AdminLayout'),
        children: [
          {
            index: true,
            lazy: lazyPage(() => import('../../pages/admin-overview-page'), 'AdminOverviewPage'),
          },
          {
            path: 'users',
            lazy: lazyPage(() => import('../../pages/admin-users-page'), 'AdminUsersPage'),
          },
          {
            path: 'approvals',
            lazy: lazyPage(() => import('../../pages/admin-approvals-page'), 'AdminApprovalsPage'),
          },
          {
            path: 'settings',
            lazy: lazyPage(() => import('../../pages/admin-settings-page'), 'AdminSettingsPage'),
          },
          {
            path: 'jobs',
            lazy: lazyPage(() => import('../../pages/admin-jobs-page'), 'AdminJobsPage'),
          },
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
