import type { Access } from 'payload'

import { hasRole } from './roles'

/** The question bank and quizzes are built by the Marxism-school course curators. */
export const isCourseCurator: Access = ({ req: { user } }) => hasRole(user, 'courseCurator')
