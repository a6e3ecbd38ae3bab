import { cleanAbandonedUploadsJob } from './clean-abandoned-uploads.js'
import { cleanExpiredLinkSessionsJob } from './clean-expired-link-sessions.js'
import { completeOverdueInterviewsJob } from './complete-overdue-interviews.js'
import { expireInterviewsJob } from './expire-interviews.js'
import type { CronJob } from './registry.js'
import { resetApiKeyCountersJob } from './reset-api-key-counters.js'
import { scoreCompletedInterviewsJob } from './score-completed-interviews.js'
import { sendInvitesJob } from './send-invites.js'
import { sendOnboardingRemindersJob } from './send-onboarding-reminders.js'

export const CRON_JOBS: readonly CronJob[] = [
  completeOverdueInterviewsJob,
  scoreCompletedInterviewsJob,
  sendInvitesJob,
  expireInterviewsJob,
  sendOnboardingRemindersJob,
  cleanExpiredLinkSessionsJob,
  resetApiKeyCountersJob,
  cleanAbandonedUploadsJob,
]
