import type { ReactNode } from 'react'
import { Wordmark } from '../../components/wordmark'
import { MAIN_CONTENT_ID } from './main-content'

/**
 * The chrome of the candidate's interview entry: the same skip link, landmarks and look as the
 * main app's, without its navigation, user menu or router (plain links leave for the main app).
 */
export function InterviewShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href={`#${MAIN_CONTENT_ID}`}
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-3 focus:font-semibold focus:text-brand-700 focus:shadow-lg"
      >
        Skip to content
      </a>
      <header className="border-slate-200 border-b bg-white/90 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center px-4 py-2 sm:px-6 lg:py-3">
          <a href="/" aria-label="VantaHire home" className="rounded-lg">
            <Wordmark />
          </a>
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus here, not just scroll. */}
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <footer className="border-slate-200 border-t bg-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-slate-600 text-sm sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>© {new Date().getFullYear()} VantaHire. AI job interviews for recruiters and candidates.</p>
          <a href="/status" className="rounded font-medium text-slate-700 underline-offset-4 hover:underline">
            System status
          </a>
        </div>
      </footer>
    </div>
  )
}
