import { expireOverdueInterviews } from '../services/interviews.js'
import type { CronJob } from './registry.js'

export const expireInterviewsJob: CronJob = {
  name: 'expire-interviews',
  schedule: '0 * * * * *',
  description:
    'Expires interviews nobody started before their expiry, revokes their links and tells the recruiter live.',
  run: (deps) => expireOverdueInterviews(deps),
}
