import { scoreWaitingInterviews } from '../services/evaluations.js'
import type { CronJob } from './registry.js'

/**
 * Scores interviews soon after they end, and fulfils scoring that waited for a model once one is
 * configured. Without a model it marks them pending, which the recruiter's page explains.
 */
export const scoreCompletedInterviewsJob: CronJob = {
  name: 'score-completed-interviews',
  schedule: '*/5 * * * * *',
  run: (deps) => scoreWaitingInterviews(deps),
  // A batch waits on the model; the lock must outlast it so that one instance scores at a time.
  lockMs: 10 * 60_000,
}
