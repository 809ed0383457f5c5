import type { FieldAccess } from 'payload'

import { hasRole } from './roles'

/**
 * Correct answers and explanations are for those who write and review questions. Members never
 * read them through any API; a quiz shows explanations only in its own result, from the server.
 */
export const canReadAnswers: FieldAccess = ({ req: { user } }) => hasRole(user, 'courseCurator', 'reviewer')
