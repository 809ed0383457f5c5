import type { Payload } from 'payload'

import { PRODUCT_NAME } from '../brand'

type Org = { id: number; name: string; type: string; parent?: number | null }

/**
 * Who issues a member's course certificate: their Party organisation, not the software. The nearest
 * Party committee above (or at) the member's organisation signs it (a branch's college committee,
 * e.g. 信息工程学院党委), and the branch is named beside it. With no organisation on record, the
 * university committee (the tree's root) signs; with no tree at all, the platform.
 */
export const certificateIssuer = async (payload: Payload, organization: unknown): Promise<{ issuer: string; branch: string | null }> => {
  const read = async (id: unknown) =>
    id === null || id === undefined
      ? null
      : ((await payload.findByID({
          collection: 'organizations',
          id: id as number,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          select: { name: true, type: true, parent: true },
        })) as Org | null)
  const startId = typeof organization === 'object' && organization !== null ? (organization as { id?: unknown }).id : organization
  let org = await read(startId)
  const branch = org?.type === 'branch' ? org.name : null
  for (let depth = 0; org && depth < 6; depth++) {
    if (org.type === 'collegeCommittee' || org.type === 'universityCommittee') return { issuer: org.name, branch }
    org = await read(org.parent)
  }
  const { docs } = await payload.find({
    collection: 'organizations',
    where: { type: { equals: 'universityCommittee' } },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    select: { name: true },
  })
  return { issuer: (docs[0] as { name?: string } | undefined)?.name ?? PRODUCT_NAME, branch }
}
