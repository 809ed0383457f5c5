import type { PayloadRequest, Where } from 'payload'

import { idOf } from './roles'

// Chains by starting organisation, for a short while: site pages make several Local API calls,
// each with a fresh request, and each would walk the tree again. Organisations move rarely; a move
// reaches access checks within CHAIN_TTL_MS.
const CHAIN_TTL_MS = 30_000
const chains = new Map<number | string, { chain: Array<number | string>; at: number }>()

/** Forget cached chains (organisation changes call this, so the admin sees a move at once). */
export const forgetOrganizationChains = () => chains.clear()

/**
 * The member's organisation and its ancestors (branch → college committee → university), so an
 * item aimed at a college reaches every branch in it. Cached on the request (access runs per query)
 * and per organisation for CHAIN_TTL_MS.
 */
export const organizationChain = async (req: PayloadRequest): Promise<Array<number | string>> => {
  const cached = req.context?.orgChain as Array<number | string> | undefined
  if (cached) return cached
  const start = idOf((req.user as { organization?: unknown } | null)?.organization)
  const hit = start === null ? undefined : chains.get(start)
  if (hit && Date.now() - hit.at < CHAIN_TTL_MS) {
    req.context = { ...(req.context ?? {}), orgChain: hit.chain }
    return hit.chain
  }
  const chain: Array<number | string> = []
  let current = start
  let complete = true
  while (current !== null && chain.length < 6 && !chain.includes(current)) {
    chain.push(current)
    const org = await req.payload
      .findByID({ collection: 'organizations', id: current, depth: 0, overrideAccess: true, req, select: { parent: true } })
      .catch(() => {
        complete = false
        return null
      })
    current = idOf(org?.parent)
  }
  // A failed read (database outage) is not remembered beyond this request.
  if (start !== null && complete) {
    if (chains.size > 5_000) chains.clear()
    chains.set(start, { chain, at: Date.now() })
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
