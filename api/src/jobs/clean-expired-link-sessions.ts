import { deleteEndedInterviewLinks } from '../services/interview-links.js'
import type { CronJob } from './registry.js'

export const cleanExpiredLinkSessionsJob: CronJob = {
  name: 'clean-expired-link-sessions',
  schedule: '0 40 3 * * *',
  description: 'Deletes candidate links that expired or were revoked more than 30 days ago.',
  run: (deps) => deleteEndedInterviewLinks(deps),
}
