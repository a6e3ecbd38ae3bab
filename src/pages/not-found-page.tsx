import { Link } from 'react-router'
import { buttonClassName } from '../components/ui/button'

export function NotFoundPage() {
  return (
    <>
      <title>Page not found — VantaHire</title>
      <div className="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
        <p className="font-semibold text-brand-700 text-sm">404</p>
        <h1 className="mt-2 font-bold text-3xl text-slate-900 tracking-tight">Page not found</h1>
        <p className="mt-4 text-slate-700 leading-7">
          We couldn't find that page. If you followed an interview invitation, check that you opened the whole
          link from your email or WhatsApp message.
        </p>
        <div className="mt-8 flex justify-center">
          <Link to="/" className={buttonClassName()}>
            Back to the home page
          </Link>
        </div>
      </div>
    </>
  )
}
