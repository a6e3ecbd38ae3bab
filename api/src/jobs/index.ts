import { completeOverdueInterviewsJob } from './complete-overdue-interviews.js'
import type { CronJob } from './registry.js'
import { scoreCompletedInterviewsJob } from './score-completed-interviews.js'
import { sendInvitesJob } from './send-invites.js'

export const CRON_JOBS: readonly CronJob[] = [
  completeOverdueInterviewsJob,
  scoreCompletedInterviewsJob,
  sendInvitesJob,
]
