import type { Payload, Where } from 'payload'

import { poolOf } from '../db/pool'
import { heldStudy } from '../integrity/held'
import type { ViewerUser } from '../viewer'
import { hoursPerYear, yearBySource } from '../ledger/read'
import { studyTargets, targetFor } from '../ledger/targets'
import { expectedHours, yearOf } from './pace'
import { unfinishedItems } from './queries'

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
/** The person a read is for: the viewer's fields (src/viewer); a whole user document is one too. */
export type Member = ViewerUser

export const progressKey = (collection: string, id: number | string) => `${collection}:${id}`

type Doc = {
  itemCollection: ProgressRow['collection']
  itemId: number
  secondsCredited: number
  position: number
  percent: number
  completedAt?: string | null
  hoursCredited: number
  updatedAt: string
}
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
  const byItem = refs.map((r): Where => ({
    and: [{ itemCollection: { equals: r.collection } } as Where, { itemId: { equals: r.id } } as Where],
  }))
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
  // Their own rows only, as access allows a person (src/access/readOwnOrBranch.ts); in one plain
  // statement, as 首页 reads it on every view.
  if (user.active === false) return []
  return (await unfinishedItems(poolOf(payload), Number(user.id), limit)).map((r) => ({
    collection: r.item_collection,
    itemId: Number(r.item_id),
    secondsCredited: Number(r.seconds_credited),
    position: Number(r.position),
    percent: Number(r.percent),
    completedAt: null,
    hoursCredited: Number(r.hours_credited),
    updatedAt: r.updated_at.toISOString(),
  }))
}

/**
 * A member's 学时 in a year (所属年度) against their role's target (src/ledger/targets.ts), with today's
 * pace, read from the 学时台账: online and offline side by side, and the total. Held 学时 (a
 * study-integrity flag not cleared covers them, issue 13 §2) are not in `hours`; `held` says how
 * many are held and why.
 */
export async function yearHours(payload: Payload, user: Member, year = yearOf(new Date()), now = new Date()) {
  const [targets, ledger, held] = await Promise.all([
    studyTargets(payload),
    yearBySource(payload, Number(user.id), year),
    heldStudy(payload, Number(user.id), year),
  ])
  const target = targetFor(targets, user.roles)
  const expected = year < yearOf(now) ? target : expectedHours(target, now, year)
  const hours = Math.round((ledger.online + ledger.offline) * 100) / 100
  return { year, hours, online: ledger.online, offline: ledger.offline, bySource: ledger.bySource, target, expectedByToday: expected, held }
}

/** 学时 per year (所属年度), newest first, every source; held 学时 left out. */
export const hoursByYear = async (payload: Payload, user: Member): Promise<Array<{ year: number; hours: number }>> =>
  hoursPerYear(payload, Number(user.id))
