import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { storeApplication } from './application-cache'
import type { Application } from './list-job-applications'

export type UpdateApplicationInput = InferRequestType<(typeof api.api.applications)[':id']['$patch']>['json']

/** Moves an application to an allowed next status (409 otherwise), or saves the recruiter's notes. */
export async function updateApplication(id: string, input: UpdateApplicationInput): Promise<Application> {
  return (await unwrap(await api.api.applications[':id'].$patch({ param: { id }, json: input }))).application
}

export function useUpdateApplication(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: UpdateApplicationInput) => updateApplication(id, input),
    onSuccess: (application) => storeApplication(queryClient, application),
  })
}
