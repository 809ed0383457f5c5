import type { PayloadRequest, Where } from 'payload'

import { ancestors } from '../organizations/tree'
import { idOf } from './roles'

/**
 * The member's organisation and its ancestors (branch → college committee → university), so an
 * item aimed at a college reaches every branch in it: from the one organisation tree
 * (src/organizations/tree.ts), kept on the request because access runs per query.
 */
export const organizationChain = async (req: PayloadRequest): Promise<Array<number | string>> => {
  const cached = req.context?.orgChain as Array<number | string> | undefined
  if (cached) return cached
  const start = idOf((req.user as { organization?: unknown } | null)?.organization)
  const chain = await ancestors(req.payload, start === null ? null : Number(start))
  req.context = { ...(req.context ?? {}), orgChain: chain }
  return chain
}

/**
 * Items whose audience includes this member: every non-empty dimension (political stages,
 * organisations) must match; an empty dimension means everyone.
 */
export const audienceWhere = async (req: PayloadRequest): Promise<Where> => {
  const stage = (req.user as { politicalStage?: string } | null)?.politicalStage ?? 'masses'
  const orgs = await organizationChain(req)
  return {
    and: [
      { or: [{ audienceAllStages: { equals: true } }, { audienceStages: { in: [stage] } }] },
      {
        or: [{ audienceAllOrganizations: { equals: true } }, ...(orgs.length ? [{ audienceOrganizations: { in: orgs } }] : [])],
      },
    ],
  }
}
