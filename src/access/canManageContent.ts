import type { Access } from 'payload'

import { hasRole } from './roles'

/** Content staff: propaganda editors and course curators upload and manage media and content. */
export const canManageContent: Access = ({ req: { user } }) => hasRole(user, 'propagandaEditor', 'courseCurator')
