import type { PayloadRequest } from 'payload'

import { hasRole, idOf } from '../access/roles'
import { poolOf } from '../db/pool'
import { descendants } from '../organizations/tree'
import { HttpError } from '../http/errors'
import { branchLedBy, scopeOrganization } from './queries'

/**
 * Whose numbers a viewer may see: Party committee staff their organisation and everything under it
 * (the university committee: all colleges; a college committee: its branches); a branch secretary
 * the branch they lead. Anyone else: nothing.
 */
export type Scope = { level: 'university' | 'college' | 'branch'; root: { id: number; name: string }; orgIds: number[] }

/** A refusal of this area: the platform's one error type (src/http/errors.ts). */
export class ScopeError extends HttpError {}

/** The viewer's scope, optionally narrowed to one organisation inside it (drill-down). */
export const scopeOf = async (req: Pick<PayloadRequest, 'user' | 'payload'>, narrowTo?: number): Promise<Scope> => {
  const { user, payload } = req
  if (!user) throw new ScopeError(401, '请先登录')
  const pool = poolOf(payload)
  let rootId: number | null = null
  if (hasRole(user, 'partyCommittee')) rootId = Number(idOf((user as { organization?: unknown }).organization)) || null
  else if (hasRole(user, 'branchSecretary')) {
    rootId = (await branchLedBy(pool, user.id)) ?? null
  }
  if (!rootId) throw new ScopeError(403, '只有党委组织员和党支部书记可以查看学习统计')
  const orgIds = await descendants(payload, rootId)
  const target = narrowTo ?? rootId
  if (!orgIds.includes(target)) throw new ScopeError(403, '不能查看本组织以外的数据')
  const org = (await scopeOrganization(pool, target))!
  const level = org.type === 'universityCommittee' ? 'university' : org.type === 'collegeCommittee' ? 'college' : 'branch'
  return { level, root: { id: org.id, name: org.name }, orgIds: target === rootId ? orgIds : await descendants(payload, target) }
}
