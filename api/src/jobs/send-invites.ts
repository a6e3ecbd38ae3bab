import { sendDueInvites } from '../services/invite-batches.js'
import type { CronJob } from './registry.js'

/**
 * Drains the invite send queue: messages whose next attempt is due (retries after a failure, and any
 * send a restart interrupted), then publishes the progress of the batches it touched.
 */
export const sendInvitesJob: CronJob = {
  name: 'send-invites',
  schedule: '*/10 * * * * *',
  description:
    'Sends invites whose next attempt is due: retries after a failure, and sends a restart interrupted.',
  run: (deps) => sendDueInvites(deps),
}
