import { createBrowserRouter } from 'react-router'
import { AppLayout } from '../components/layout/app-layout'
import { LandingPage } from '../pages/landing-page'
import { NotFoundPage } from '../pages/not-found-page'
import { RouteErrorPage } from '../pages/route-error-page'
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
