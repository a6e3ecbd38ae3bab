import { resetApiKeyDailyCounts } from '../services/api-keys.js'
import type { CronJob } from './registry.js'

export const resetApiKeyCountersJob: CronJob = {
  name: 'reset-api-key-counters',
  // Midnight UTC, where the day API key limits count by starts (schedules are read in UTC).
  schedule: '0 0 0 * * *',
  description: "Starts API keys' stored daily request counts over at midnight UTC.",
  run: (deps) => resetApiKeyDailyCounts(deps),
}
