import type { InferResponseType } from 'hono/client'
import { api, unwrap } from '../../../lib/api'
import { listUsers } from './list-users'

export type AccountMergePlan = InferResponseType<(typeof api.api.admin.users)[':id']['merge']['$get'], 200>

/**
 * What merging the old-platform account `sourceId` into the account with `targetEmail` would move and
 * leave behind; nothing changes. The target is found by its exact email.
 */
export async function previewAccountMerge(options: {
  sourceId: string
  targetEmail: string
}): Promise<AccountMergePlan> {
  const email = options.targetEmail.trim().toLowerCase()
  const found = await listUsers({ filters: { q: email } })
  const target = found.items.find((user) => user.email.toLowerCase() === email)
  if (!target) throw new Error(`No account has the email ${email}.`)
  const res = await api.api.admin.users[':id'].merge.$get({
    param: { id: options.sourceId },
    query: { into: target.id },
  })
  return unwrap(res)
}
