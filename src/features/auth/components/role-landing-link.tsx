import { Link } from 'react-router'
import { ROLE_LANDING_PATHS } from '../../../../api/src/domain/redirect'
import type { UserRole } from '../api/get-current-user'

const LABELS: Record<UserRole, string> = {
  RECRUITER: 'Go to your dashboard',
  CANDIDATE: 'Go to your applications and interviews',
  ADMIN: 'Go to the approval queue',
}

/** A link to the page the role lands on after signing in, named for what is there. */
export function RoleLandingLink({ role, className }: { role: UserRole; className?: string }) {
  return (
    <Link to={ROLE_LANDING_PATHS[role]} className={className}>
      {LABELS[role]}
    </Link>
  )
}
