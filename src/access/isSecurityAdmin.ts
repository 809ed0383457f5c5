import type { Access } from 'payload'

import { hasRole } from './roles'

/** Security settings (roles, the sensitive-word list) belong to the security administrator. */
export const isSecurityAdmin: Access = ({ req: { user } }) => hasRole(user, 'securityAdmin')
