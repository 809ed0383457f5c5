import type { Payload, PayloadRequest } from 'payload'

import { DEFAULT_BRANCH_RULES, type BranchRules } from './compliance'

/** Reads the branch-size rules from the platform-settings global, falling back to DOMAIN defaults. */
export const loadBranchRules = async (payload: Payload, req?: PayloadRequest): Promise<BranchRules> => {
  const settings = (await payload
    .findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true, req })
    .catch(() => null)) as Partial<Record<string, unknown>> | null
  const num = (key: string, fallback: number) => {
    const v = settings?.[key]
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback
  }
  return {
    minFullMembers: num('branchMinFullMembers', DEFAULT_BRANCH_RULES.minFullMembers),
    committeeThreshold: num('branchCommitteeThreshold', DEFAULT_BRANCH_RULES.committeeThreshold),
    maxMembers: num('branchMaxMembers', DEFAULT_BRANCH_RULES.maxMembers),
  }
}
