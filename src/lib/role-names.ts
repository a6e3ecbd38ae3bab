import type { InferResponseType } from 'hono/client'
import type { api } from './api'

type UserRole = NonNullable<InferResponseType<typeof api.api.auth.me.$get, 200>['user']>['role']

/** How each role is named to people, in running text and on badges. */
export const ROLE_NAMES: Record<UserRole, { singular: string; plural: string; label: string }> = {
  CANDIDATE: { singular: 'candidate', plural: 'candidates', label: 'Candidate' },
  RECRUITER: { singular: 'recruiter', plural: 'recruiters', label: 'Recruiter' },
  ADMIN: { singular: 'admin', plural: 'admins', label: 'Admin' },
}
