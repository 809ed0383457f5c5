import type { FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Granting and removing roles is the security administrator's power alone (三员分立). */
export const canAssignRoles: FieldAccess = ({ req: { user } }) => hasRole(user, 'securityAdmin')
