import { completeOverdueInterviews } from '../services/candidate-interview.js'
import type { CronJob } from './registry.js'

/** Ends interviews past their time limit even when the candidate's page is gone (reason `time_limit`). */
export const completeOverdueInterviewsJob: CronJob = {
  name: 'complete-overdue-interviews',
  schedule: '*/15 * * * * *',
  description: "Ends interviews past their time limit, even when the candidate's page is gone.",
  run: (deps) => completeOverdueInterviews(deps),
}
