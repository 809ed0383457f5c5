import type { Config } from 'payload'

import { hasRole, type Role } from './roles'

/**
 * Who works on what: the admin navigation (and the dashboard's cards) show a collection or global
 * only to the roles that work on it. Before this, every staff account saw nearly everything it could
 * read at all (an editor saw 课程, 题库, 人员 and 平台设置; the auditor 题库, 答题记录, 人员, 平台设置),
 * mostly lists holding only their own record. Access still decides what can be read; this decides
 * what is offered. Collections not listed keep their own `admin.hidden` (e.g. 消息通知, for everyone).
 */
export const NAVIGATION: Record<string, readonly Role[]> = {
  // 学习内容: who writes it and who reviews it.
  news: ['propagandaEditor', 'reviewer'],
  'red-resources': ['propagandaEditor', 'reviewer'],
  courses: ['courseCurator', 'reviewer'],
  'micro-lessons': ['courseCurator', 'reviewer'],
  quizzes: ['courseCurator', 'reviewer'],
  questions: ['courseCurator', 'reviewer'],
  media: ['propagandaEditor', 'courseCurator', 'reviewer'],
  themes: ['propagandaEditor', 'courseCurator', 'sysAdmin'],
  'recommendation-events': ['propagandaEditor', 'courseCurator'],
  // 审核
  'review-logs': ['reviewer', 'propagandaEditor', 'courseCurator'],
  // 学习记录: a member's own rows are on the member site; in the admin they are the branch's.
  'study-progress': ['branchSecretary'],
  'study-events': ['branchSecretary'],
  'quiz-attempts': ['branchSecretary'],
  'points-ledger': ['branchSecretary'],
  'integrity-flags': ['branchSecretary', 'partyCommittee', 'sysAdmin'],
  // 学时台账 and 培训登记: the branch records, the committees above confirm and watch.
  'study-hours': ['branchSecretary', 'partyCommittee'],
  trainings: ['branchSecretary', 'partyCommittee'],
  // 组织生活: the branch plans and records (the recorder works from the member site), the committees above review.
  meetings: ['branchSecretary', 'partyCommittee'],
  'meeting-attendance': ['branchSecretary', 'partyCommittee'],
  'meeting-minutes': ['branchSecretary', 'partyCommittee'],
  'meeting-inspections': ['partyCommittee'],
  inspectors: ['partyCommittee'],
  'heart-talks': ['branchSecretary', 'partyCommittee'],
  // 发展党员: handled on the member site; the admin lists are the record the committees look through.
  'development-cases': ['branchSecretary', 'partyCommittee'],
  'development-steps': ['branchSecretary', 'partyCommittee'],
  'development-documents': ['branchSecretary', 'partyCommittee'],
  'development-notices': ['branchSecretary', 'partyCommittee'],
  'development-votes': ['branchSecretary', 'partyCommittee'],
  'development-vote-turnout': ['partyCommittee'],
  'development-rules': ['partyCommittee'],
  // 组织与人员
  users: ['sysAdmin', 'securityAdmin', 'branchSecretary'],
  organizations: ['sysAdmin', 'partyCommittee', 'branchSecretary'],
  'deletion-requests': ['sysAdmin'],
  // 安全 and 安全审计
  'sensitive-words': ['securityAdmin', 'propagandaEditor', 'courseCurator', 'reviewer'],
  'audit-logs': ['auditor'],
  // 系统
  'platform-settings': ['sysAdmin'],
  'search-settings': ['propagandaEditor', 'courseCurator', 'sysAdmin'],
  'security-settings': ['securityAdmin'],
}

/** Whether the navigation offers this collection or global to the user (unlisted: yes). */
export const offeredTo = (slug: string, user: Parameters<typeof hasRole>[0]): boolean => {
  const roles = NAVIGATION[slug]
  return roles ? hasRole(user, ...roles) : true
}

const hiddenUnlessOffered =
  (slug: string) =>
  ({ user }: { user: Parameters<typeof hasRole>[0] }) =>
    !offeredTo(slug, user)

/** Applies NAVIGATION as each listed collection's and global's `admin.hidden` (a function of the signed-in user). */
export const roleNavigation = (config: Config): Config => ({
  ...config,
  collections: config.collections?.map((c) =>
    NAVIGATION[c.slug] ? { ...c, admin: { ...c.admin, hidden: hiddenUnlessOffered(c.slug) } } : c,
  ),
  globals: config.globals?.map((g) => (NAVIGATION[g.slug] ? { ...g, admin: { ...g.admin, hidden: hiddenUnlessOffered(g.slug) } } : g)),
})
