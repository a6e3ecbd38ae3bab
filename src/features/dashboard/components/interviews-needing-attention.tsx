import { Link } from 'react-router'
import { DateText } from '../../../components/date-text'
import { Card, CardTitle } from '../../../components/ui/card'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { candidateLabel } from '../../interviews'
import { type AttentionInterview, type Dashboard, useDashboard } from '../api/get-dashboard'
import { DashboardSection, SECTION_LINK_CLASSES } from './dashboard-section'

type ListName = 'needsReview' | 'inProgress' | 'expiringSoon'

const LISTS: ReadonlyArray<{
  name: ListName
  title: string
  empty: string
  when: (interview: AttentionInterview) => { label: string; value: string | null }
  allLink: string
}> = [
  {
    name: 'needsReview',
    title: 'Waiting for your review',
    empty: 'Every finished interview has been reviewed.',
    when: (interview) => ({ label: 'Finished', value: interview.completedAt }),
    allLink: '/interviews?status=COMPLETED',
  },
  {
    name: 'inProgress',
    title: 'In progress now',
    empty: 'Nobody is interviewing right now.',
    when: (interview) => ({ label: 'Started', value: interview.startedAt }),
    allLink: '/interviews?status=IN_PROGRESS',
  },
  {
    name: 'expiringSoon',
    title: 'Expiring within 48 hours',
    empty: 'No unstarted interview expires in the next 48 hours.',
    when: (interview) => ({ label: 'Expires', value: interview.expiresAt }),
    allLink: '/interviews?status=PENDING&sort=expiring',
  },
]

/** Interviews to act on: finished and not yet reviewed, running now, and about to expire unstarted. */
export function InterviewsNeedingAttention() {
  const dashboard = useDashboard()

  return (
    <DashboardSection title="Needs your attention">
      {dashboard.isPending ? (
        <Spinner label="Finding interviews that need you…" />
      ) : dashboard.isError ? (
        <LoadError
          what="the interviews that need you"
          error={dashboard.error}
          onRetry={dashboard.refetch}
          isRetrying={dashboard.isFetching}
        />
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          {LISTS.map((list) => (
            <AttentionList key={list.name} list={list} data={dashboard.data[list.name]} />
          ))}
        </div>
      )}
    </DashboardSection>
  )
}

function AttentionList({ list, data }: { list: (typeof LISTS)[number]; data: Dashboard[ListName] }) {
  const headingId = `attention-${list.name}`
  return (
    <Card as="section" aria-labelledby={headingId} className="min-w-0 bg-slate-50 shadow-none">
      <CardTitle id={headingId} level={3} className="text-base">
        {list.title} <span className="font-normal text-slate-600">({data.count})</span>
      </CardTitle>
      {data.items.length === 0 ? (
        <p className="mt-2 text-slate-600 text-sm">{list.empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {data.items.map((interview) => {
            const when = list.when(interview)
            return (
              <li key={interview.id} className="py-2">
                <Link
                  to={`/interviews/${interview.id}`}
                  className="break-words font-medium text-slate-900 underline-offset-4 hover:underline"
                >
                  {candidateLabel(interview)}
                </Link>
                <p className="break-words text-slate-600 text-sm">
                  {interview.jobRole}
                  {when.value ? (
                    <>
                      {' '}
                      · {when.label} <DateText value={when.value} />
                    </>
                  ) : null}
                  {interview.score !== null ? ` · score ${interview.score}` : ''}
                </p>
              </li>
            )
          })}
        </ul>
      )}
      {data.count > data.items.length ? (
        <Link to={list.allLink} className={`mt-2 inline-block ${SECTION_LINK_CLASSES}`}>
          See all {data.count}
        </Link>
      ) : null}
    </Card>
  )
}
