import type { Payload } from 'payload'

import type { Member } from '../study/read'
import { POINT_RULE_LABELS, type PointRule } from './rules'
import { shanghaiDay } from '../dates'

export type PointsEntry = { createdAt: string; rule: string; ruleLabel: string; points: number; note?: string | null }

/** The member's points: total, today's (Shanghai day), and the newest entries of the ledger. */
export async function myPoints(
  payload: Payload,
  user: Member,
  limit = 50,
  now = new Date(),
): Promise<{ total: number; today: number; history: PointsEntry[] }> {
  const { docs } = await payload.find({
    collection: 'points-ledger',
    where: { member: { equals: user.id } },
    sort: '-createdAt',
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: false,
    user,
    select: { rule: true, points: true, day: true, note: true, createdAt: true },
  })
  const today = shanghaiDay(now)
  return {
    total: docs.reduce((s, d) => s + d.points, 0),
    today: docs.filter((d) => d.day === today).reduce((s, d) => s + d.points, 0),
    history: docs.slice(0, limit).map((d) => ({
      createdAt: d.createdAt,
      rule: d.rule,
      ruleLabel: POINT_RULE_LABELS[d.rule as PointRule]?.zh ?? d.rule,
      points: d.points,
      note: d.note,
    })),
  }
}
