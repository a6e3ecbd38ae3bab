import type { HTMLAttributes } from 'react'
import { cn } from '../../lib/cn'

type CardProps = HTMLAttributes<HTMLElement> & {
  /** A `section` with `aria-labelledby` becomes a landmark region screen-reader users can jump to. */
  as?: 'div' | 'section' | 'article' | 'li'
}

/** A bordered surface that groups related content. */
export function Card({ as: Element = 'div', className, ...props }: CardProps) {
  return (
    <Element
      className={cn('rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6', className)}
      {...props}
    />
  )
}

type CardTitleProps = HTMLAttributes<HTMLHeadingElement> & {
  /** Heading level that fits the page's outline; screen-reader users navigate by it. */
  level?: 2 | 3 | 4
}

export function CardTitle({ level = 2, className, ...props }: CardTitleProps) {
  const Heading = `h${level}` as const
  return <Heading className={cn('font-semibold text-lg text-slate-900', className)} {...props} />
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cn('mt-1 text-slate-600 text-sm leading-6', className)} {...props} />
}
