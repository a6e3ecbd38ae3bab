import { sendDueInvites } from '../services/invite-batches.js'
import type { CronJob } from './registry.js'

/**
 * Drains the invite send queue: messages whose next attempt is due (retries after a failure, and any
 * send a restart interrupted), then publishes the progress of the batches it touched.
 */
export const sendInvitesJob: CronJob = {
  name: 'send-invites',
  schedule: '*/10 * * * * *',
  run: (deps) => sendDueInvites(deps),
  // Up to 200 sends, each bounded by INVITE_SEND_TIMEOUT_MS, four at a time.
  lockMs: 10 * 60_000,
}
