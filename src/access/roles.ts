/** Role identifiers from DOMAIN.md. Kept in one place so access helpers and the roles field agree. */
export const ROLES = [
  'member',
  'branchSecretary',
  'partyCommittee',
  'propagandaEditor',
  'courseCurator',
  'reviewer',
  'sysAdmin',
  'securityAdmin',
  'auditor',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  member: { zh: '党员/学员', en: 'Member' },
  branchSecretary: { zh: '党支部书记', en: 'Branch secretary' },
  // Not in DOMAIN's list: the Party committee's and college committees' organisation staff who
  // watch the cockpit for their organisation and everything under it.
  partyCommittee: { zh: '党委组织员', en: 'Party committee staff' },
  propagandaEditor: { zh: '宣传编辑', en: 'Propaganda editor' },
  courseCurator: { zh: '课程管理员', en: 'Course curator' },
  reviewer: { zh: '审核员', en: 'Reviewer' },
  sysAdmin: { zh: '系统管理员', en: 'System administrator' },
  securityAdmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Security auditor' },
}

/** Roles that may open the admin panel; a plain member studies on the member site only. */
export const STAFF_ROLES: Role[] = ROLES.filter((r) => r !== 'member')

/**
 * The "three administrators kept apart" (三员分立): no account may hold two of these.
 */
export const SEPARATED_ADMIN_ROLES: Role[] = ['sysAdmin', 'securityAdmin', 'auditor']

/**
 * Anyone with roles: req.user, a fetched users document, the admin's ClientUser, a slim row. Only
 * these two fields are read, so callers need no cast to Payload's whole user type.
 */
export type MaybeUser = { id?: number | string; roles?: readonly string[] | null; active?: boolean | null } | null | undefined

export const rolesOf = (user: MaybeUser): Role[] => {
  const roles = user?.roles
  return Array.isArray(roles) ? (roles as Role[]) : []
}

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean => {
  if (!user || user.active === false) return false
  const mine = rolesOf(user)
  return roles.some((r) => mine.includes(r))
}

/** A relationship value may be an id or a populated document; access rules need the id. */
export const idOf = (value: unknown): number | string | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'object') return (value as { id?: number | string }).id ?? null
  return value as number | string
}
