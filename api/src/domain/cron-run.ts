/**
 * How a background job's run ended: RUNNING until it does; INTERRUPTED when its instance stopped
 * mid-run (its lock lapsed and a later run found it unfinished).
 */
export const CRON_RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'] as const
export type CronRunStatus = (typeof CRON_RUN_STATUSES)[number]

/** What started a run: its schedule's tick, or an admin. */
export const CRON_RUN_TRIGGERS = ['schedule', 'manual'] as const
export type CronRunTrigger = (typeof CRON_RUN_TRIGGERS)[number]
