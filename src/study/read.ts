import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { heldStudy } from '../integrity/held'
import type { ViewerUser } from '../viewer'
import { hoursPerYear, yearBySource } from '../ledger/read'
import { studyTargets, targetFor } from '../ledger/targets'
import { expectedHours, yearOf } from './pace'
import { progressOnItems, unfinishedItems, type UnfinishedRow } from './queries'

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

/** A study_progress row as the site shows it (PostgreSQL's numerics come as strings). */
const toRow = (r: UnfinishedRow & { completed_at?: Date | null }): ProgressRow => ({
  collection: r.item_collection,
  itemId: Number(r.item_id),
  secondsCredited: Number(r.seconds_credited),
  position: Number(r.position),
  percent: Number(r.percent),
  completedAt: r.completed_at ? r.completed_at.toISOString() : null,
  hoursCredited: Number(r.hours_credited),
  updatedAt: r.updated_at.toISOString(),
})

/**
 * The member's progress on these items, keyed by `progressKey`: their own rows only, as access
 * allows a person (src/access/readOwnOrBranch.ts), in one plain statement, as every list and item
 * page reads it (through Payload it was a query built per view: `npm run load`, see the README).
 */
export async function myProgress(payload: Payload, user: Member, refs: ItemRef[]): Promise<Map<string, ProgressRow>> {
  if (!refs.length || user.active === false) return new Map()
  const wanted = new Set(refs.map((r) => progressKey(r.collection, r.id)))
  const rows = await progressOnItems(
    poolOf(payload),
    Number(user.id),
    [...new Set(refs.map((r) => r.collection))],
    [...new Set(refs.map((r) => Number(r.id)))],
  )
  return new Map(
    rows
      .map(toRow)
      .filter((row) => wanted.has(progressKey(row.collection, row.itemId)))
      .map((row) => [progressKey(row.collection, row.itemId), row]),
  )
}

/**
 * The member's most recently studied, unfinished items (for “继续学习”). Only items with some study
 * credited (over 0%): an item merely opened is not something to continue (issue 14).
 */
export async function continueStudying(payload: Payload, user: Member, limit = 5): Promise<ProgressRow[]> {
  // Their own rows only, as access allows a person (src/access/readOwnOrBranch.ts); in one plain
  // statement, as 首页 reads it on every view.
  if (user.active === false) return []
  return (await unfinishedItems(poolOf(payload), Number(user.id), limit)).map(toRow)
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
