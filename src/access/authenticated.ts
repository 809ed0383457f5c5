import type { Access } from 'payload'

import { hasRole, ROLES } from './roles'

/** Any signed-in, active account. */
export const authenticated: Access = ({ req: { user } }) => hasRole(user, ...ROLES)
