import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { PageShell } from '../app/layout/app-layout'
import { Alert } from '../components/ui/alert'
import { Button, buttonClassName } from '../components/ui/button'

/** Shown when a page throws while rendering or loading, instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError()
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : undefined

  return (
    <PageShell>
      <title>Something went wrong — VantaHire</title>
      <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Something went wrong</h1>
        <Alert
          className="mt-6"
          title="This page could not be shown."
          actions={
            <>
              <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
                Reload the page
              </Button>
              <Link to="/" className={buttonClassName({ variant: 'ghost', size: 'sm' })}>
                Back to the home page
              </Link>
            </>
          }
        >
          Reloading usually fixes it. If it keeps happening, tell us what you were doing
          {detail ? ` and quote "${detail}"` : ''}.
        </Alert>
      </div>
    </PageShell>
  )
}
