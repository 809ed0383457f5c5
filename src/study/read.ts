import type { Payload, PayloadRequest, Where } from 'payload'

import { heldStudy } from '../integrity/held'
import { poolOf } from '../db/pool'
import { expectedHours, yearOf, yearStart } from './pace'

/** What the member site needs to know about one item's progress. */
export type ProgressRow = {
  collection: 'micro-lessons' | 'red-resources' | 'news' | 'courses'
  itemId: number
  secondsCredited: number
  /** Seconds into the media, or the scrolled fraction (0–1) of an article. */
  position: number
  percent: number
  completedAt: string | null
  hoursCredited: number
  updatedAt: string
}
export type ItemRef = { collection: ProgressRow['collection']; id: number }
export type Member = NonNullable<PayloadRequest['user']>

export const progressKey = (collection: string, id: number | string) => `${collection}:${id}`

type Doc = { itemCollection: ProgressRow['collection']; itemId: number; secondsCredited: number; position: number; percent: number; completedAt?: string | null; hoursCredited: number; updatedAt: string }
const toRow = (d: Doc): ProgressRow => ({
  collection: d.itemCollection,
  itemId: d.itemId,
  secondsCredited: d.secondsCredited,
  position: d.position,
  percent: d.percent,
  completedAt: d.completedAt ?? null,
  hoursCredited: d.hoursCredited,
  updatedAt: d.updatedAt,
})

/** The member's progress on these items, keyed by `progressKey` (read as the member). */
export async function myProgress(payload: Payload, user: Member, refs: ItemRef[]): Promise<Map<string, ProgressRow>> {
  if (!refs.length) return new Map()
  const byItem = refs.map((r): Where => ({ and: [{ itemCollection: { equals: r.collection } } as Where, { itemId: { equals: r.id } } as Where] }))
  const { docs } = await payload.find({
    collection: 'study-progress',
    where: { and: [{ member: { equals: user.id } }, { or: byItem }] },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return new Map(docs.map((d) => [progressKey(d.itemCollection, d.itemId), toRow(d as Doc)]))
}

/**
 * The member's most recently studied, unfinished items (for “继续学习”). Only items with some study
 * credited (over 0%): an item merely opened is not something to continue (issue 14).
 */
export async function continueStudying(payload: Payload, user: Member, limit = 5): Promise<ProgressRow[]> {
  const { docs } = await payload.find({
    collection: 'study-progress',
    where: {
      and: [{ member: { equals: user.id } }, { completedAt: { exists: false } }, { itemCollection: { not_equals: 'courses' } }, { percent: { greater_than: 0 } }],
    },
    sort: '-updatedAt',
    depth: 0,
    limit,
    overrideAccess: false,
    user,
  })
  return docs.map((d) => toRow(d as Doc))
}

/**
 * Credited hours in a calendar year (Asia/Shanghai) against the yearly target, with today's pace.
 * Held 学时 (a study-integrity flag not cleared covers them, issue 13 §2) are not in `hours`; `held`
 * says how many are held and why.
 */
export async function yearHours(payload: Payload, user: Member, year = yearOf(new Date()), now = new Date()) {
  const settings = await payload.findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true })
  const target = settings.annualStudyHoursTarget ?? 32
  const [{ rows }, held] = await Promise.all([
    poolOf(payload).query<{ hours: string | null }>(
      'SELECT sum(hours_credited) AS hours FROM study_progress WHERE member_id = $1 AND completed_at >= $2 AND completed_at < $3 AND NOT held',
      [user.id, yearStart(year), yearStart(year + 1)],
    ),
    heldStudy(payload, Number(user.id), year),
  ])
  const expected = year < yearOf(now) ? target : expectedHours(target, now, year)
  return { year, hours: Math.round(Number(rows[0]?.hours ?? 0) * 100) / 100, target, expectedByToday: expected, held }
}

/** Credited hours per calendar year (Asia/Shanghai), newest first; held 学时 left out. */
export async function hoursByYear(payload: Payload, user: Member): Promise<Array<{ year: number; hours: number }>> {
  const { rows } = await poolOf(payload).query<{ year: number; hours: string }>(
    `SELECT extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int AS year, sum(hours_credited) AS hours
       FROM study_progress WHERE member_id = $1 AND completed_at IS NOT NULL AND NOT held GROUP BY 1 ORDER BY 1 DESC`,
    [user.id],
  )
  return rows.map((r) => ({ year: r.year, hours: Math.round(Number(r.hours) * 100) / 100 }))
}
