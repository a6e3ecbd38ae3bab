import { createBrowserRouter } from 'react-router'
import { RequireAuth } from '../features/auth/components/require-auth'
import { AccountPage } from '../pages/account-page'
import { ApiKeysPage } from '../pages/api-keys-page'
import { CandidateInterviewPage } from '../pages/candidate-interview-page'
import { DashboardPage } from '../pages/dashboard-page'
import { EditInterviewPage } from '../pages/edit-interview-page'
import { EditJobPage } from '../pages/edit-job-page'
import { FileViewerPage } from '../pages/file-viewer-page'
import { InterviewPage } from '../pages/interview-page'
import { InterviewsPage } from '../pages/interviews-page'
import { JobApplicationsPage } from '../pages/job-applications-page'
import { JobInvitePage } from '../pages/job-invite-page'
import { JobsPage } from '../pages/jobs-page'
import { LandingPage } from '../pages/landing-page'
import { NewInterviewPage } from '../pages/new-interview-page'
import { NewJobPage } from '../pages/new-job-page'
import { NotFoundPage } from '../pages/not-found-page'
import { OutboxPage } from '../pages/outbox-page'
import { RouteErrorPage } from '../pages/route-error-page'
import { SignInPage } from '../pages/sign-in-page'
import { StatusPage } from '../pages/status-page'
import { AppLayout } from './layout/app-layout'
import { adminAndBoardRoutes } from './routes/admin-and-board-routes'

/** Every route the SPA knows; the API serves index.html for any other non-API path, so `*` catches it. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'status', element: <StatusPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      // A candidate's link: the token is stored for the tab and the address becomes /interview.
      { path: 'interview/:token', element: <CandidateInterviewPage /> },
      { path: 'interview', element: <CandidateInterviewPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'account', element: <AccountPage /> },
          // The API decides who may read a file; the page explains a refusal.
          { path: 'files/:id/view', element: <FileViewerPage /> },
        ],
      },
      {
        element: <RequireAuth roles={['RECRUITER', 'ADMIN']} />,
        children: [
          { path: 'account/api-keys', element: <ApiKeysPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'interviews', element: <InterviewsPage /> },
          { path: 'interviews/new', element: <NewInterviewPage /> },
          { path: 'interviews/:id', element: <InterviewPage /> },
          { path: 'interviews/:id/edit', element: <EditInterviewPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'jobs/new', element: <NewJobPage /> },
          { path: 'jobs/:id/edit', element: <EditJobPage /> },
          { path: 'jobs/:id/applications', element: <JobApplicationsPage /> },
          { path: 'jobs/:id/invite', element: <JobInvitePage /> },
          { path: 'outbox', element: <OutboxPage /> },
        ],
      },
      ...adminAndBoardRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
