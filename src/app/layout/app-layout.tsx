import type { ReactNode } from 'react'
import { Outlet, ScrollRestoration, useNavigation } from 'react-router'
import { Spinner } from '../../components/ui/spinner'
import { MAIN_CONTENT_ID } from './main-content'
import { SiteFooter } from './site-footer'
import { SiteHeader } from './site-header'

/** The chrome around every page: skip link, header, main landmark, footer. */
export function PageShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href={`#${MAIN_CONTENT_ID}`}
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-3 focus:font-semibold focus:text-brand-700 focus:shadow-lg"
      >
        Skip to content
      </a>
      <SiteHeader />
      {/* tabIndex lets the skip link move keyboard focus here, not just scroll. */}
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </div>
  )
}

export function AppLayout() {
  // Pages are downloaded on first visit: while one is on its way the current page stays, under a bar.
  const isLoadingPage = useNavigation().state === 'loading'
  return (
    <PageShell>
      {isLoadingPage ? (
        <div
          aria-hidden="true"
          className="fixed inset-x-0 top-0 z-50 h-1 motion-safe:animate-pulse bg-brand-600"
        />
      ) : null}
      <Outlet />
      <ScrollRestoration />
    </PageShell>
  )
}

/**
 * What the first visit shows while its page downloads: nothing to click, since the page replaces
 * it whole (a header shown now would be swapped for another under the visitor's cursor).
 */
export function PageLoading() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <Spinner label="Loading…" />
    </main>
  )
}
