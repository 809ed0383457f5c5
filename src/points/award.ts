import type { Payload, PayloadRequest } from 'payload'

import type { Queryable } from '../db/transaction'

import { DEFAULT_POINT_RULES, type PointRule } from './rules'
import { changeCount, listening, onChange } from '../db/notify'
import { ensureStudySession, insertPoints, lockOrganizationOf, lockStudySession, pointsOfDay } from './queries'
import { shanghaiDay } from '../dates'

export { CREDIT_LOCK_CLASS } from './queries'

type Rules = Map<PointRule, { points: number; dailyCap: number }>
let cached: { at: number; rules: Rules } | null = null

/**
 * The points table from 平台设置 (defaults where it is empty), cached for a minute. Read on `req`'s
 * transaction when given (the transactions that award points never write 平台设置, so what they read is cacheable).
 */
export const pointRules = async (payload: Payload, req?: PayloadRequest): Promise<Rules> => {
  if (cached && Date.now() - cached.at < 60_000) return cached.rules
  await listening(payload)
  const seen = changeCount('platform_settings')
  const settings = await payload.findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true, req })
  const rows = settings.pointsRules?.length ? settings.pointsRules : DEFAULT_POINT_RULES
  const rules: Rules = new Map(rows.map((r) => [r.rule as PointRule, { points: Number(r.points), dailyCap: Number(r.dailyCap) }]))
  if (seen === changeCount('platform_settings')) cached = { at: Date.now(), rules }
  return rules
}
export const clearPointRulesCache = () => {
  cached = null
}
// 平台设置 saved through any process or instance (src/db/notify.ts).
onChange('platform_settings', clearPointRulesCache)

export type Award = {
  memberId: number
  organizationId: number | null
  rule: PointRule
  eventKey: string
  at: Date
  note?: string
  times?: number
}

/**
 * Awards points for one event inside the caller's transaction, which must hold the member's lock
 * (the study-session row): at most the rule's daily cap per Shanghai day, never twice per event.
 * Returns the points written.
 */
export const awardPoints = async (client: Queryable, rules: Rules, award: Award): Promise<number> => {
  const rule = rules.get(award.rule)
  if (!rule || rule.points <= 0) return 0
  const day = shanghaiDay(award.at)
  const room = rule.dailyCap - (await pointsOfDay(client, award.memberId, award.rule, day))
  const points = Math.min(rule.points * (award.times ?? 1), room)
  if (points <= 0) return 0
  const inserted = await insertPoints(client, {
    member: award.memberId,
    organization: award.organizationId,
    rule: award.rule,
    points,
    day,
    eventKey: award.eventKey,
    note: award.note ?? null,
    at: award.at,
  })
  return inserted ? points : 0
}

/** Takes the member's lock (their organisation's, then their study-session row) for the rest of the transaction. */
export const lockMember = async (client: Queryable, memberId: number, at: Date) => {
  // The organisation's lock first, as study_credit_beats takes it (src/db/sql/study_credit_beats.sql):
  // then this member's session row, then rollup rows — one order everywhere, so no deadlock.
  await lockOrganizationOf(client, memberId)
  await ensureStudySession(client, memberId, at)
  await lockStudySession(client, memberId)
}
