import { scoreWaitingInterviews } from '../services/evaluations.js'
import type { CronJob } from './registry.js'

/**
 * Scores interviews soon after they end, and fulfils scoring that waited for a model once one is
 * configured. Without a model it marks them pending, which the recruiter's page explains.
 */
export const scoreCompletedInterviewsJob: CronJob = {
  name: 'score-completed-interviews',
  schedule: '*/5 * * * * *',
  description:
    'Scores interviews that ended, and scoring that waited for a language model once one is configured.',
  run: (deps) => scoreWaitingInterviews(deps),
}
