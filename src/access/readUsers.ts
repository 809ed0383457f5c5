import type { Access } from 'payload'

import { hasRole, idOf } from './roles'

/**
 * Who may read whom: administrators who manage people read everyone; a branch secretary reads the
 * people of their own branch; everyone reads their own record. Nobody else sees other people.
 */
export const readUsers: Access = ({ req: { user } }) => {
  if (!user || (user as { active?: boolean }).active === false) return false
  if (hasRole(user, 'sysAdmin', 'securityAdmin')) return true
  const self = { id: { equals: user.id } }
  const branch = idOf((user as { organization?: unknown }).organization)
  if (hasRole(user, 'branchSecretary') && branch !== null) {
    return { or: [self, { organization: { equals: branch } }] }
  }
  return self
}
