import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionAfterChangeHook, Payload, PayloadRequest } from 'payload'
import { APIError, ValidationError } from 'payload'

import { hasRole } from '../access/roles'
import { inRequest } from '../db/transaction'
import { orgOf } from '../meetings/access'
import type { DevelopmentRule } from '../payload-types'
import { deactivateOtherRules, parentOf, ruleVersionInUse } from './queries'
import { CURRENT_VERSION, extendRules, LOCAL_RULES, RULE_SETS, rulesFor, type LocalRules, type RuleSet } from './steps'

/**
 * 发展党员本地规则 (collection development-rules): the Party committee's own local rules on top of a
 * version of the 细则 — more 公示 points, longer 公示, more training hours, never less (extendRules).
 * A version in use by a case is fixed: a change is a new version, and the cases already open keep
 * the one they started under. The active version is the one new cases take.
 */
export const localRules = async (
  payload: Payload,
  req?: Partial<PayloadRequest>,
): Promise<{ locals: Record<string, LocalRules>; current: string }> => {
  const { docs } = await payload.find({
    collection: 'development-rules',
    limit: 200,
    depth: 0,
    overrideAccess: true,
    req,
    pagination: false,
  })
  const locals: Record<string, LocalRules> = { ...LOCAL_RULES }
  for (const d of docs) locals[d.version] = toLocal(d)
  const active = docs.find((d) => d.active)
  return { locals, current: active ? `${active.base}+${active.version}` : CURRENT_VERSION }
}

/** The rule set a case names, with the committee's local versions. */
export const resolveRules = async (payload: Payload, req: Partial<PayloadRequest> | undefined, version: string): Promise<RuleSet | null> =>
  rulesFor(version, (await localRules(payload, req)).locals)

const toLocal = (d: Pick<DevelopmentRule, 'version' | 'noticeBeforeSteps' | 'noticeWorkingDays' | 'trainingHours'>): LocalRules => ({
  version: d.version,
  publicNotice: { beforeSteps: (d.noticeBeforeSteps ?? []).map(Number), workingDays: Number(d.noticeWorkingDays ?? 0) },
  trainingHours: Number(d.trainingHours ?? 0),
})

/** The university's Party committee (committee staff of the tree's root) keeps the local rules. */
export const keepsRules = async ({ req }: { req: PayloadRequest }) => {
  const own = orgOf(req.user)
  if (!req.user || req.user.active === false || own === null || !hasRole(req.user, 'partyCommittee')) return false
  return (await parentOf(inRequest(req), own)) === null
}

const inUse = async (req: PayloadRequest, base: string, version: string) => ruleVersionInUse(inRequest(req), `${base}+${version}`)

/** Not weaker than its base (the refusal says what the base requires); fixed once a case runs under it. */
export const guardRules: CollectionBeforeChangeHook<DevelopmentRule> = async ({ data, originalDoc, operation, req }) => {
  const merged = { ...originalDoc, ...data } as DevelopmentRule
  if (operation === 'update' && originalDoc && (await inUse(req, originalDoc.base, originalDoc.version))) {
    const changed = (['version', 'base', 'noticeBeforeSteps', 'noticeWorkingDays', 'trainingHours'] as const).some(
      (k) => JSON.stringify(data[k] ?? originalDoc[k]) !== JSON.stringify(originalDoc[k]),
    )
    if (changed) throw new APIError('已有发展档案按此版本办理，规则不能再改；请新建一个版本（已开始的档案仍按原版本办理）', 409, null, true)
  }
  if (!/^[\p{L}\p{N}_-]{2,40}$/u.test(String(merged.version ?? '')))
    throw new ValidationError({
      collection: 'development-rules',
      errors: [{ path: 'version', message: '版本名 2–40 个字，只用文字、数字、- 和 _（如 示范大学2027）' }],
    })
  const base = RULE_SETS[String(merged.base)]
  if (!base) throw new ValidationError({ collection: 'development-rules', errors: [{ path: 'base', message: '请选择所依据的规则版本' }] })
  try {
    extendRules(base, toLocal(merged))
  } catch (error) {
    throw new ValidationError({
      collection: 'development-rules',
      errors: [{ path: 'trainingHours', message: `${(error as Error).message}（${base.title}${base.version} 的要求）` }],
    })
  }
  return data
}

/** One active version: turning one on turns the others off. */
export const oneActive: CollectionAfterChangeHook<DevelopmentRule> = async ({ doc, req }) => {
  if (doc.active) await deactivateOtherRules(inRequest(req), doc.id)
  return doc
}

export const keepUsedRules: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const doc = await req.payload.findByID({ collection: 'development-rules', id, depth: 0, overrideAccess: true, req })
  if (await inUse(req, doc.base, doc.version)) throw new APIError('已有发展档案按此版本办理，不能删除', 409, null, true)
}
