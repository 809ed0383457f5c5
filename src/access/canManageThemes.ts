import type { Access } from 'payload'

import { hasRole } from './roles'

/** Editors and curators extend the study-theme list; sysAdmin keeps it tidy. */
export const canManageThemes: Access = ({ req: { user } }) => hasRole(user, 'propagandaEditor', 'courseCurator', 'sysAdmin')
