import { sendOnboardingReminders } from '../services/onboarding-reminders.js'
import type { CronJob } from './registry.js'

export const sendOnboardingRemindersJob: CronJob = {
  name: 'send-onboarding-reminders',
  // Hourly: a recruiter is reminded within the hour they become due, once a week at most.
  schedule: '0 17 * * * *',
  description:
    'Emails recruiters whose set-up is unfinished (company, logo, first job or interview), once a week at most.',
  run: (deps) => sendOnboardingReminders(deps),
}
