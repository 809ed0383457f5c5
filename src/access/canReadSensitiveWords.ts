import type { Access } from 'payload'

import { hasRole } from './roles'

/** Content staff and reviewers see the list (to understand a blocked submission); members do not. */
export const canReadSensitiveWords: Access = ({ req: { user } }) =>
  hasRole(user, 'securityAdmin', 'propagandaEditor', 'courseCurator', 'reviewer')
