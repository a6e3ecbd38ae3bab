// What other features may use of a candidate's applications: the list, and its cache key.
export { type MyApplication, myApplicationsQueryKey, useMyApplications } from './api/list-my-applications'
