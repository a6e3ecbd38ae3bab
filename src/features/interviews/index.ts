// What other features may use of interviews: recent ones, their names, cache keys, live updates.
export { interviewQueryKey } from './api/get-interview'
export { interviewLinksQueryKey } from './api/list-interview-links'
export {
  type InterviewStatus,
  type InterviewType,
  interviewListsQueryKey,
  RECENT_INTERVIEWS_LIMIT,
  useRecentInterviews,
} from './api/list-interviews'
export {
  candidateLabel,
  INTERVIEW_STATUS_NAMES,
  INTERVIEW_STATUSES,
  INTERVIEW_TYPE_NAMES,
} from './components/interview-names'
export { useInterviewEvents } from './hooks/use-interview-events'
