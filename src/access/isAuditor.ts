import type { Access } from 'payload'

import { hasRole } from './roles'

/** Only the security auditor reads the audit trail: not sysAdmin, not securityAdmin (三员分立). */
export const isAuditor: Access = ({ req: { user } }) => hasRole(user, 'auditor')
