import type { FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Self-service fields (contact details, interests): the person themself or sysAdmin. */
export const selfOrSysAdminField: FieldAccess = ({ req: { user }, id, doc }) => {
  if (!user) return false
  if (hasRole(user, 'sysAdmin')) return true
  const target = id ?? (doc as { id?: unknown } | undefined)?.id
  // On create there is no target yet: only sysAdmin creates people.
  return target !== undefined && String(target) === String(user.id)
}
