// What other features may use of a recruiter's jobs: recent jobs, their state, cache, live updates.
export { updateCachedJobs } from './api/job-cache'
export { type Job, useRecentJobs } from './api/list-jobs'
export { JobActions } from './components/job-actions'
export { jobState } from './components/job-names'
export { JobStateBadge, RejectionReason } from './components/job-state-badge'
export { useJobEvents } from './hooks/use-job-events'
