import type { Payload, PayloadRequest } from 'payload'

import type { Queryable } from '../db/transaction'

import { DEFAULT_POINT_RULES, shanghaiDay, type PointRule } from './rules'
import { changeCount, listening, onChange } from '../db/notify'

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
  const { rows } = await client.query<{ sum: string | null }>(
    'SELECT sum(points) AS sum FROM points_ledger WHERE member_id = $1 AND rule = $2 AND day = $3',
    [award.memberId, award.rule, day],
  )
  const room = rule.dailyCap - Number(rows[0]?.sum ?? 0)
  const points = Math.min(rule.points * (award.times ?? 1), room)
  if (points <= 0) return 0
  const inserted = await client.query(
    `INSERT INTO points_ledger (member_id, organization_id, rule, points, day, event_key, note, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (member_id, rule, event_key) DO NOTHING`,
    [award.memberId, award.organizationId, award.rule, points, day, award.eventKey, award.note ?? null, award.at],
  )
  return inserted.rowCount ? points : 0
}

/** The advisory-lock class of organisations in study crediting (the first key of pg_advisory_xact_lock). */
export const CREDIT_LOCK_CLASS = 7201

/** Takes the member's lock (their organisation's, then their study-session row) for the rest of the transaction. */
export const lockMember = async (client: Queryable, memberId: number, at: Date) => {
  // The organisation's lock first, as study_credit_beats takes it (src/db/sql/study_credit_beats.sql):
  // then this member's session row, then rollup rows — one order everywhere, so no deadlock.
  await client.query(`SELECT pg_advisory_xact_lock(${CREDIT_LOCK_CLASS}, coalesce(organization_id, 0)) FROM users WHERE id = $1`, [
    memberId,
  ])
  await client.query(
    `INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, created_at, updated_at)
     VALUES ($1, '', 0, $2, $2, $2) ON CONFLICT (member_id) DO NOTHING`,
    [memberId, at],
  )
  await client.query('SELECT id FROM study_sessions WHERE member_id = $1 FOR UPDATE', [memberId])
}
