import type { PayloadRequest } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

/** The admin panel is for staff; members (and disabled accounts) use the member site. */
export const canAccessAdmin = ({ req }: { req: PayloadRequest }): boolean => hasRole(req.user, ...STAFF_ROLES)
