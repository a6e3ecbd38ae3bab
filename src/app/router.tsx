import { createBrowserRouter } from 'react-router'
import { AppLayout } from '../components/layout/app-layout'
import { RequireAuth } from '../features/auth/components/require-auth'
import { AccountPage } from '../pages/account-page'
import { ApiKeysPage } from '../pages/api-keys-page'
import { CandidateInterviewPage } from '../pages/candidate-interview-page'
import { LandingPage } from '../pages/landing-page'
import { NotFoundPage } from '../pages/not-found-page'
import { RouteErrorPage } from '../pages/route-error-page'
import { SignInPage } from '../pages/sign-in-page'
import { StatusPage } from '../pages/status-page'

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
        children: [{ path: 'account', element: <AccountPage /> }],
      },
      {
        element: <RequireAuth roles={['RECRUITER', 'ADMIN']} />,
        children: [{ path: 'account/api-keys', element: <ApiKeysPage /> }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
