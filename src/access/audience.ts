import type { PayloadRequest, Where } from 'payload'

import { idOf } from './roles'

/**
 * The member's organisation and its ancestors (branch → college committee → university), so an
 * item aimed at a college reaches every branch in it. Cached on the request: access runs per query.
 */
export const organizationChain = async (req: PayloadRequest): Promise<Array<number | string>> => {
  const cached = req.context?.orgChain as Array<number | string> | undefined
  if (cached) return cached
  const chain: Array<number | string> = []
  let current = idOf((req.user as { organization?: unknown } | null)?.organization)
  while (current !== null && chain.length < 6 && !chain.includes(current)) {
    chain.push(current)
    const org = await req.payload
      .findByID({ collection: 'organizations', id: current, depth: 0, overrideAccess: true, req, select: { parent: true } })
      .catch(() => null)
    current = idOf(org?.parent)
  }
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
        or: [
          { audienceAllOrganizations: { equals: true } },
          ...(orgs.length ? [{ audienceOrganizations: { in: orgs } }] : []),
        ],
      },
    ],
  }
}
