// What other features may use of the job board: the key to refresh once a job opens or closes.
export { publicJobsQueryKey } from './api/list-public-jobs'
