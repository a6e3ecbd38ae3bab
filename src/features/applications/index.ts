// What other features may use of job applications: new ones, applicants' names, live updates.
export { useNewApplications } from './api/list-job-applications'
export { applicantName } from './components/application-names'
export { useApplicationEvents } from './hooks/use-application-events'
