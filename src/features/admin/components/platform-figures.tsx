import { type ReactNode, useId } from 'react'
import { Link } from 'react-router'
import { Card, CardTitle } from '../../../components/ui/card'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { cn } from '../../../lib/cn'
import { type PlatformStats, usePlatformStats } from '../api/get-platform-stats'
import { useAdminJobEvents } from '../hooks/use-admin-job-events'

const NUMBER_FORMAT = new Intl.NumberFormat()

type Figure = { label: string; value: number; hint?: string; isHighlighted?: boolean }
type FigureGroupData = { title: string; link?: { to: string; label: string }; figures: Figure[] }

function groupsOf(stats: PlatformStats): FigureGroupData[] {
  return [
    {
      title: 'People',
      link: { to: '/admin/users', label: 'Manage users' },
      figures: [
        { label: 'Candidates', value: stats.users.CANDIDATE },
        { label: 'Recruiters', value: stats.users.RECRUITER },
        { label: 'Admins', value: stats.users.ADMIN },
        { label: 'Disabled', value: stats.users.disabled, hint: 'Counted in their role too' },
      ],
    },
    {
      title: 'Jobs',
      link: { to: '/admin/approvals', label: 'Review job approvals' },
      figures: [
        {
          label: 'Awaiting approval',
          value: stats.jobs.awaitingApproval,
          isHighlighted: stats.jobs.awaitingApproval > 0,
        },
        { label: 'Submitted', value: stats.jobs.ACTIVE, hint: 'Live, awaiting approval or sent back' },
        { label: 'Drafts', value: stats.jobs.DRAFT },
        { label: 'Closed', value: stats.jobs.CLOSED },
      ],
    },
    {
      title: 'Applications',
      figures: [
        { label: 'Pending', value: stats.applications.PENDING },
        { label: 'Reviewed', value: stats.applications.REVIEWED },
        { label: 'Shortlisted', value: stats.applications.SHORTLISTED },
        { label: 'Hired', value: stats.applications.HIRED },
        { label: 'Rejected', value: stats.applications.REJECTED },
      ],
    },
    {
      title: 'Interviews',
      figures: [
        { label: 'Not started', value: stats.interviews.PENDING },
        { label: 'In progress', value: stats.interviews.IN_PROGRESS },
        { label: 'Completed', value: stats.interviews.COMPLETED },
        { label: 'Expired', value: stats.interviews.EXPIRED },
      ],
    },
    {
      title: 'Last seven days',
      figures: [
        { label: 'New accounts', value: stats.lastSevenDays.newUsers },
        { label: 'Jobs created', value: stats.lastSevenDays.jobsCreated },
        { label: 'Applications', value: stats.lastSevenDays.applications },
        { label: 'Interviews completed', value: stats.lastSevenDays.interviewsCompleted },
      ],
    },
  ]
}

/**
 * The platform's totals across every account, one card per area, each figure a term and its count:
 * no one recruiter's interviews, which are theirs to follow on their own dashboard.
 */
export function PlatformFigures() {
  const stats = usePlatformStats()
  useAdminJobEvents()

  if (stats.isPending) return <Spinner label="Loading the platform's figures…" />
  if (stats.isError) {
    return (
      <LoadError
        what="the platform's figures"
        error={stats.error}
        isRetrying={stats.isFetching}
        onRetry={() => stats.refetch()}
      />
    )
  }

  return (
    <div className="grid gap-6 md:grid-cols-2">
      {groupsOf(stats.data).map((group) => (
        <FigureGroup key={group.title} title={group.title} figures={group.figures}>
          {group.link ? (
            <Link
              to={group.link.to}
              className="font-medium text-brand-700 text-sm underline underline-offset-4 hover:text-brand-900"
            >
              {group.link.label}
            </Link>
          ) : null}
        </FigureGroup>
      ))}
    </div>
  )
}

function FigureGroup({
  title,
  figures,
  children,
}: {
  title: string
  figures: Figure[]
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <Card as="section" aria-labelledby={headingId} className="flex flex-col">
      <CardTitle id={headingId}>{title}</CardTitle>
      <dl className="mt-4 grid flex-1 grid-cols-2 gap-3">
        {figures.map((figure) => (
          <div
            key={figure.label}
            className={cn(
              'flex flex-col-reverse justify-end rounded-xl p-3',
              figure.isHighlighted ? 'bg-amber-50 ring-1 ring-amber-300' : 'bg-slate-50',
            )}
          >
            <dt className="text-slate-700 text-sm">
              {figure.label}
              {figure.hint ? <span className="block text-slate-500 text-xs">{figure.hint}</span> : null}
            </dt>
            <dd className="font-bold text-2xl text-slate-900 tabular-nums">
              {NUMBER_FORMAT.format(figure.value)}
            </dd>
          </div>
        ))}
      </dl>
      {children ? <div className="mt-4">{children}</div> : null}
    </Card>
  )
}
