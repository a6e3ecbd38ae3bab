import { cn } from '../lib/cn'

/** The VantaHire logo and name; the name is real text so it reads and translates as such. */
export function Wordmark({ className }: { className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-2 font-bold text-lg text-slate-900 tracking-tight',
        className,
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8 shrink-0">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M8 9h4.2l3.8 10.4L19.8 9H24l-6 15h-4z" fill="#fff" />
      </svg>
      VantaHire
    </span>
  )
}
