import { queryOptions, useQuery } from '@tanstack/react-query'
import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'

export type InviteBatch = InferResponseType<(typeof api.api)['invite-batches'][':id']['$get'], 200>['batch']

export async function getInviteBatch(
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<InviteBatch> {
  const res = await api.api['invite-batches'][':id'].$get(
    { param: { id } },
    { init: { signal: options.signal } },
  )
  return (await unwrap(res)).batch
}

export const inviteBatchQueryKey = (batchId: string) => ['invites', 'batch', batchId] as const

/** A bulk invite's progress; live events keep it current while the sends go out. */
export function useInviteBatch(batchId: string | null) {
  return useQuery(
    queryOptions({
      queryKey: inviteBatchQueryKey(batchId ?? ''),
      queryFn: ({ signal }) => getInviteBatch(batchId ?? '', { signal }),
      enabled: batchId !== null,
    }),
  )
}
