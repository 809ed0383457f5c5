import type { Access } from 'payload'

import { hasRole, idOf } from './roles'

/**
 * A member's own learning records (progress, events, attempts, points); a branch secretary also
 * reads those of their branch. Rows carry the member's organisation when written.
 */
export const readOwnOrBranch: Access = ({ req: { user } }) => {
  if (!user || (user as { active?: boolean }).active === false) return false
  const own = { member: { equals: user.id } }
  const branch = idOf((user as { organization?: unknown }).organization)
  if (hasRole(user, 'branchSecretary') && branch !== null) return { or: [own, { organization: { equals: branch } }] }
  return own
}
