import type { ComplianceIssue, OrgType } from './types'

/** Branch-size rules from DOMAIN.md; the numbers come from platform settings. */
export type BranchRules = {
  minFullMembers: number
  committeeThreshold: number
  maxMembers: number
}

export const DEFAULT_BRANCH_RULES: BranchRules = {
  minFullMembers: 3,
  committeeThreshold: 7,
  maxMembers: 50,
}

/**
 * What a branch breaks: fewer full members than a branch needs to exist, enough full members to
 * need a branch committee without having one, or more Party members (full + probationary) than a
 * branch should hold. Only branches are judged; committees have other rules.
 */
export const complianceIssuesOf = (
  org: { type?: OrgType | null; fullMemberCount?: number | null; memberCount?: number | null; hasCommittee?: boolean | null },
  rules: BranchRules = DEFAULT_BRANCH_RULES,
): ComplianceIssue[] => {
  if (org.type !== 'branch') return []
  const full = org.fullMemberCount ?? 0
  const members = org.memberCount ?? 0
  const issues: ComplianceIssue[] = []
  if (full < rules.minFullMembers) issues.push('tooFewFullMembers')
  if (full >= rules.committeeThreshold && !org.hasCommittee) issues.push('committeeRequired')
  if (members > rules.maxMembers) issues.push('tooManyMembers')
  return issues
}
