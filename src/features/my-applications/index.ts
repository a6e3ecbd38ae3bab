// What other features may use of a candidate's applications: the list, its cache key, the answer
// to "did I apply to this job", and withdrawing.
export { myApplicationToJobQueryKey, useMyApplicationToJob } from './api/get-my-application-to-job'
export { type MyApplication, myApplicationsQueryKey, useMyApplications } from './api/list-my-applications'
export { WithdrawButton } from './components/withdraw-button'
