import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { InferRequestType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { authProvidersQueryKey } from '../../auth'
import { type AdminSettings, adminSettingsQueryKey } from './get-admin-settings'

export type UpdateAdminSettingsInput = InferRequestType<typeof api.api.admin.settings.$put>['json']

/** Sets the recruiter sign-up code, or clears it (null) so anyone may sign up as a recruiter. */
export async function updateAdminSettings(input: UpdateAdminSettingsInput): Promise<AdminSettings> {
  return unwrap(await api.api.admin.settings.$put({ json: input }))
}

export function useUpdateAdminSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateAdminSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(adminSettingsQueryKey, settings)
      // The sign-in page asks for the code only while one is set.
      return queryClient.invalidateQueries({ queryKey: authProvidersQueryKey })
    },
  })
}
