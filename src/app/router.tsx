import { createBrowserRouter } from 'react-router'
import { RequireAuth } from '../features/auth/components/require-auth'
import { RouteErrorPage } from '../pages/route-error-page'
import { AppLayout, PageLoading } from './layout/app-layout'
import { adminAndBoardRoutes } from './routes/admin-and-board-routes'
import { lazyPage } from './routes/lazy-page'

/** Every route the SPA knows; the API serves index.html for any other non-API path, so `*` catches it. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    hydrateFallbackElement: <PageLoading />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        index: true,
        lazy: lazyPage(() => import('../pages/landing-page'), 'LandingPage'),
      },
      {
        path: 'status',
        lazy: lazyPage(() => import('../pages/status-page'), 'StatusPage'),
      },
      {
        path: 'sign-in',
        lazy: lazyPage(() => import('../pages/sign-in-page'), 'SignInPage'),
      },
      // A candidate's link: the token is stored for the tab and the address becomes /interview. The
      // servers answer these paths with the light interview.html entry; these routes serve a
      // navigation from inside the app, and a server that only knows index.html.
      {
        path: 'interview/:token',
        lazy: lazyPage(() => import('../pages/candidate-interview-page'), 'CandidateInterviewPage'),
      },
      {
        path: 'interview',
        lazy: lazyPage(() => import('../pages/candidate-interview-page'), 'CandidateInterviewPage'),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: 'account',
            lazy: lazyPage(() => import('../pages/account-page'), 'AccountPage'),
          },
          // The API decides who may read a file; the page explains a refusal.
          {
            path: 'files/:id/view',
            lazy: lazyPage(() => import('../pages/file-viewer-page'), 'FileViewerPage'),
          },
        ],
      },
      {
        element: <RequireAuth roles={['RECRUITER', 'ADMIN']} />,
        children: [
          {
            path: 'account/api-keys',
            lazy: lazyPage(() => import('../pages/api-keys-page'), 'ApiKeysPage'),
          },
          {
            path: 'dashboard',
            lazy: lazyPage(() => import('../pages/dashboard-page'), 'DashboardPage'),
          },
          {
            path: 'interviews',
            lazy: lazyPage(() => import('../pages/interviews-page'), 'InterviewsPage'),
          },
          {
            path: 'interviews/new',
            lazy: lazyPage(() => import('../pages/new-interview-page'), 'NewInterviewPage'),
          },
          {
            path: 'interviews/:id',
            lazy: lazyPage(() => import('../pages/interview-page'), 'InterviewPage'),
          },
          {
            path: 'interviews/:id/edit',
            lazy: lazyPage(() => import('../pages/edit-interview-page'), 'EditInterviewPage'),
          },
          {
            path: 'jobs',
            lazy: lazyPage(() => import('../pages/jobs-page'), 'JobsPage'),
          },
          {
            path: 'jobs/new',
            lazy: lazyPage(() => import('../pages/new-job-page'), 'NewJobPage'),
          },
          {
            path: 'jobs/:id/edit',
            lazy: lazyPage(() => import('../pages/edit-job-page'), 'EditJobPage'),
          },
          {
            path: 'jobs/:id/applications',
            lazy: lazyPage(() => import('../pages/job-applications-page'), 'JobApplicationsPage'),
          },
          {
            path: 'jobs/:id/invite',
            lazy: lazyPage(() => import('../pages/job-invite-page'), 'JobInvitePage'),
          },
          {
            path: 'outbox',
            lazy: lazyPage(() => import('../pages/outbox-page'), 'OutboxPage'),
          },
        ],
      },
      ...adminAndBoardRoutes,
      {
        path: '*',
        lazy: lazyPage(() => import('../pages/not-found-page'), 'NotFoundPage'),
      },
    ],
  },
])
