import { Link } from 'react-router'

export function SiteFooter() {
  return (
    <footer className="border-slate-200 border-t bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-slate-600 text-sm sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>© {new Date().getFullYear()} VantaHire. AI job interviews for recruiters and candidates.</p>
        <Link to="/status" className="rounded font-medium text-slate-700 underline-offset-4 hover:underline">
          System status
        </Link>
      </div>
    </footer>
  )
}
