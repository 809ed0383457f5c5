import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/**
 * Correct answers and explanations are for those who write and review questions. Members never
 * read them through any API; a quiz shows explanations only in its own result, from the server.
 */
export const canReadAnswers: FieldAccess = ({ req: { user } }) => hasRole(user, 'courseCurator', 'reviewer')

/**
 * The question bank (stems and options): members see the questions of their quizzes and wrong-answer
 * book, curators and reviewers work on it, other staff (editors, secretaries) may study as members.
 * Not the three administrators (三员分立): the auditor reads the audit log and nothing else, and
 * sysAdmin and securityAdmin have no part in quizzes. An account that is also a member keeps its study.
 */
export const readQuestions: Access = ({ req: { user } }) =>
  hasRole(user, 'member', 'courseCurator', 'reviewer', 'propagandaEditor', 'branchSecretary', 'partyCommittee')
