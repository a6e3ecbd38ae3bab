import { type ReactNode, useId } from 'react'
import { Card, CardTitle } from '../../../components/ui/card'

/** A titled region of the dashboard, with an optional link to the full page beside its title. */
export function DashboardSection({
  title,
  action,
  children,
}: {
  title: string
  action?: ReactNode
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <Card as="section" aria-labelledby={headingId} className="min-w-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <CardTitle id={headingId}>{title}</CardTitle>
        {action}
      </div>
      <div className="mt-4">{children}</div>
    </Card>
  )
}

export const SECTION_LINK_CLASSES = 'font-medium text-brand-700 text-sm underline-offset-4 hover:underline'
