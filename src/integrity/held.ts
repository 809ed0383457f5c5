import type { Payload } from 'payload'

import { yearStart } from '../study/pace'
import { poolOf } from '../db/pool'
import { FLAG_KIND_LABELS, type FlagKind } from './detect'
import { heldProgress, openFlagsOf, pendingFlagsIn } from './queries'

/**
 * What of a member's study is held out of their 学时 (issue 13 §2), for the member to see why:
 * `study_progress.held` is set in the database by the flags themselves (migration
 * 20261203_150600_integrity_hold); this reads it with the flags that hold it.
 *
 * A row held by a confirmed flag counts as confirmed (it stays out for good), otherwise as pending.
 */
export type HeldFlag = {
  id: number
  kind: FlagKind
  kindLabel: string
  day: string
  status: 'pending' | 'confirmed'
  summary: string
  /** The secretary's reason (a confirmed flag). */
  reason: string | null
  /** 学时 of completed items this flag holds (an item held by two flags counts under both). */
  hours: number
}
export type HeldStudy = {
  /** 学时 waiting for the secretary's check. */
  pendingHours: number
  /** 学时 the secretary confirmed as not real study: never counted. */
  confirmedHours: number
  flags: HeldFlag[]
  /** The member's held progress rows in the year: `collection:id` and whether they wait or are confirmed. */
  items: Array<{ key: string; status: 'pending' | 'confirmed' }>
}

const round = (n: number) => Math.round(n * 100) / 100

/** The member's held study in a calendar year (Asia/Shanghai): flags not cleared, with the 学时 they hold. */
export const heldStudy = async (payload: Payload, memberId: number, year: number): Promise<HeldStudy> => {
  const pool = poolOf(payload)
  const from = yearStart(year)
  const to = yearStart(year + 1)
  const [rows, flags] = await Promise.all([
    heldProgress(pool, memberId, from, to),
    // Flags of the year not cleared: those holding 学时, and pending ones holding none yet (study
    // time under check whose items were not completed), so the member sees every open question.
    openFlagsOf(pool, memberId, from, to),
  ])
  let pendingHours = 0
  let confirmedHours = 0
  for (const r of rows) {
    if (r.confirmed) confirmedHours += r.hours
    else pendingHours += r.hours
  }
  return {
    pendingHours: round(pendingHours),
    confirmedHours: round(confirmedHours),
    flags: flags
      .map((f) => ({
        id: f.id,
        kind: f.kind,
        kindLabel: FLAG_KIND_LABELS[f.kind] ?? f.kind,
        day: f.day,
        status: f.status,
        summary: f.summary,
        reason: f.reason,
        hours: round(f.hours),
      }))
      // A confirmed flag that holds nothing in this year has nothing to explain here.
      .filter((f) => f.status === 'pending' || f.hours > 0),
    items: rows.map((r) => ({ key: r.key, status: r.confirmed ? ('confirmed' as const) : ('pending' as const) })),
  }
}

/** Pending flags in some organisations (a secretary's branch), newest first, with the 学时 they hold and the member's name. */
export const pendingFlagsOf = async (payload: Payload, orgIds: number[], limit = 100) => {
  const rows = await pendingFlagsIn(poolOf(payload), orgIds, limit)
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name ?? '（已注销）',
    organizationId: r.organization_id,
    kind: r.kind,
    kindLabel: FLAG_KIND_LABELS[r.kind] ?? r.kind,
    day: r.day,
    periodStart: new Date(r.period_start).toISOString(),
    periodEnd: new Date(r.period_end).toISOString(),
    minutes: Math.round(r.seconds_held / 60),
    summary: r.summary,
    hours: round(r.hours),
  }))
}
export type PendingFlag = Awaited<ReturnType<typeof pendingFlagsOf>>[number]
