import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** sysAdmin manages people, organisations and settings. */
export const isSysAdmin: Access = ({ req: { user } }) => hasRole(user, 'sysAdmin')
export const isSysAdminField: FieldAccess = ({ req: { user } }) => hasRole(user, 'sysAdmin')
