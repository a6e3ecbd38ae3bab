import type { InfiniteData, QueryClient } from '@tanstack/react-query'
import { jobQueryKey } from './get-job'
import { type Job, type JobPage, jobListsQueryKey } from './list-jobs'

/**
 * Puts a job the API just returned (from a mutation or a live event) into every cache that holds
 * it, in place, so lists keep their order and nothing is fetched again.
 */
export function storeJob(queryClient: QueryClient, job: Job): void {
  queryClient.setQueryData(jobQueryKey(job.id), job)
  updateCachedJobs(queryClient, job.id, () => job)
}

/** Applies `update` to the job wherever a cached answer holds it. */
export function updateCachedJobs(queryClient: QueryClient, jobId: string, update: (job: Job) => Job): void {
  const updatePage = (page: JobPage): JobPage => ({
    ...page,
    items: page.items.map((item) => (item.id === jobId ? update(item) : item)),
  })
  queryClient.setQueriesData<JobPage | InfiniteData<JobPage>>({ queryKey: jobListsQueryKey }, (data) => {
    if (!data) return data
    return 'pages' in data ? { ...data, pages: data.pages.map(updatePage) } : updatePage(data)
  })
  queryClient.setQueryData<Job>(jobQueryKey(jobId), (job) => (job ? update(job) : job))
}
