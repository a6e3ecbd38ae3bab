import type { UserRole } from '../api/get-current-user'

/** How each role is named to people, in running text and on badges. */
export const ROLE_NAMES: Record<UserRole, { singular: string; plural: string; label: string }> = {
  CANDIDATE: { singular: 'candidate', plural: 'candidates', label: 'Candidate' },
  RECRUITER: { singular: 'recruiter', plural: 'recruiters', label: 'Recruiter' },
  ADMIN: { singular: 'admin', plural: 'admins', label: 'Admin' },
}
