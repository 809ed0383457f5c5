import type { Payload, PayloadRequest } from 'payload'

import { SKIP_AUDIT } from '../audit/hooks'
import { PARTY_MEMBER_STAGES } from '../people/stages'

type OrgRow = { id: number; parent?: number | { id: number } | null }

const parentId = (org: OrgRow): number | null => (org.parent == null ? null : typeof org.parent === 'object' ? org.parent.id : org.parent)

/** Context flag so the writes made here do not trigger another recount. */
export const SKIP_RECOUNT = 'skipOrganizationRecount'

/**
 * Recomputes member counts and branch compliance for the given organisations and their ancestors.
 * A committee counts the people of its whole subtree. Counts are stored (not computed on read) so
 * that lists and filters of organisations cost one query, not one per row.
 */
export const recountOrganizations = async (
  payload: Payload,
  ids: Array<number | string | null | undefined>,
  req?: PayloadRequest,
): Promise<void> => {
  const wanted = ids.filter((v): v is number | string => v !== null && v !== undefined).map(Number)
  if (wanted.length === 0) return

  const all = (
    await payload.find({
      collection: 'organizations',
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: true,
      req,
      select: { parent: true },
    })
  ).docs as unknown as OrgRow[]
  const byId = new Map(all.map((o) => [o.id, o]))
  const children = new Map<number, number[]>()
  for (const o of all) {
    const p = parentId(o)
    if (p !== null) children.set(p, [...(children.get(p) ?? []), o.id])
  }

  // The organisations to refresh: the ones named and every ancestor of each.
  const targets = new Set<number>()
  for (const id of wanted) {
    let cur: OrgRow | undefined = byId.get(id)
    let guard = 0
    while (cur && guard++ < 10) {
      targets.add(cur.id)
      const p = parentId(cur)
      cur = p === null ? undefined : byId.get(p)
    }
  }

  const subtree = (id: number): number[] => {
    const out = [id]
    for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []))
    return out
  }

  for (const id of targets) {
    const scope = { organization: { in: subtree(id) }, active: { not_equals: false } }
    const [full, members] = await Promise.all([
      payload.count({
        collection: 'users',
        overrideAccess: true,
        req,
        where: { and: [scope, { politicalStage: { equals: 'full' } }] },
      }),
      payload.count({
        collection: 'users',
        overrideAccess: true,
        req,
        where: { and: [scope, { politicalStage: { in: PARTY_MEMBER_STAGES } }] },
      }),
    ])
    // The organisations' beforeChange hook derives the compliance state from these counts.
    await payload.update({
      collection: 'organizations',
      id,
      depth: 0,
      overrideAccess: true,
      req,
      context: { [SKIP_RECOUNT]: true, [SKIP_AUDIT]: true },
      data: { fullMemberCount: full.totalDocs, memberCount: members.totalDocs },
    })
  }
}

/** Refreshes every organisation, e.g. after the rule numbers change. */
export const recountAllOrganizations = async (payload: Payload, req?: PayloadRequest) => {
  const { docs } = await payload.find({
    collection: 'organizations',
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
    where: { type: { equals: 'branch' } },
    select: {},
  })
  await recountOrganizations(
    payload,
    docs.map((d) => d.id),
    req,
  )
}
