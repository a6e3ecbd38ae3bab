import { completeOverdueInterviewsJob } from './complete-overdue-interviews.js'
import type { CronJob } from './registry.js'

export const CRON_JOBS: readonly CronJob[] = [completeOverdueInterviewsJob]
