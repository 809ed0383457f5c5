import type { Access } from 'payload'

import { hasRole } from './roles'

/**
 * sysAdmin edits people, securityAdmin edits roles (field rules narrow what each may touch), and
 * everyone may edit their own record's self-service fields.
 */
export const updateUsers: Access = ({ req: { user } }) => {
  if (!user || (user as { active?: boolean }).active === false) return false
  if (hasRole(user, 'sysAdmin', 'securityAdmin')) return true
  return { id: { equals: user.id } }
}
