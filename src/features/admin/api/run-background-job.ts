import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'
import { type BackgroundJobRun, backgroundJobsQueryKey } from './list-background-jobs'

/** Runs a background job now and resolves with the run once it has ended (its outcome and counts). */
export async function runBackgroundJob(name: string): Promise<BackgroundJobRun> {
  return (await unwrap(await api.api.admin['background-jobs'][':name'].run.$post({ param: { name } }))).run
}

export function useRunBackgroundJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: runBackgroundJob,
    // Refused runs too: a 409 means another run is going, which the list should now show.
    onSettled: () => queryClient.invalidateQueries({ queryKey: backgroundJobsQueryKey }),
  })
}
