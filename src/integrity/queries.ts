import type { Queryable } from '../db/transaction'
import type { Beat, FlagKind } from './detect'

/**
 * Every SQL statement of the study-integrity analysis (src/integrity), each a typed function on what
 * it runs on (the pool, `poolOf(payload)`). A flag covers a completed progress row when it is the
 * member's, completed within the flag's period (a second's slack either side) and named in the
 * flag's items; that condition is written out in each statement that needs it.
 */

/** Members with study events in [from, to), in order. */
export const membersWithEvents = async (db: Queryable, from: Date, to: Date): Promise<number[]> =>
  (
    await db.query<{ member_id: number }>(
      `SELECT DISTINCT member_id FROM study_events WHERE created_at >= $1 AND created_at < $2 AND member_id IS NOT NULL ORDER BY member_id`,
      [from, to],
    )
  ).rows.map((r) => r.member_id)

/** A study event as the detector reads it (credited_seconds and client_position still as PostgreSQL's strings). */
export type EventRow = {
  member_id: number
  organization_id: number | null
  item_collection: string
  item_id: string
  kind: Beat['kind']
  client_position: string | null
  credited_seconds: string
  created_at: Date
}
/** The members' study events in [from, to), by member and time, with the organisation at the time (or the member's now). */
export const eventsOf = async (db: Queryable, members: number[], from: Date, to: Date): Promise<EventRow[]> =>
  (
    await db.query<EventRow>(
      `SELECT e.member_id, COALESCE(e.organization_id, u.organization_id) AS organization_id, e.item_collection::text AS item_collection, e.item_id, e.kind::text AS kind,
              e.client_position, e.credited_seconds, e.created_at
         FROM study_events e LEFT JOIN users u ON u.id = e.member_id
        WHERE e.member_id = ANY($1::int[]) AND e.created_at >= $2 AND e.created_at < $3
        ORDER BY e.member_id, e.created_at, e.id`,
      [members, from, to],
    )
  ).rows

export type CompletionRow = { member_id: number; item_collection: string; item_id: string; completed_at: Date }
/** The members' items completed in [from, to). */
export const completionsOf = async (db: Queryable, members: number[], from: Date, to: Date): Promise<CompletionRow[]> =>
  (
    await db.query<CompletionRow>(
      `SELECT member_id, item_collection::text AS item_collection, item_id, completed_at FROM study_progress
        WHERE member_id = ANY($1::int[]) AND completed_at >= $2 AND completed_at < $3`,
      [members, from, to],
    )
  ).rows

/**
 * Seconds held by the member's flags not cleared, with days in [fromDay, toDay] (either bound may be
 * null): the largest per day, summed.
 */
export const heldSecondsOf = async (db: Queryable, member: number, fromDay: string | null, toDay: string | null): Promise<number> =>
  Number(
    (
      await db.query<{ held: string | null }>(
        `SELECT COALESCE(SUM(m), 0) AS held FROM (
       SELECT MAX(seconds_held) AS m FROM integrity_flags
        WHERE member_id = $1 AND status <> 'cleared' AND ($2::text IS NULL OR day >= $2) AND ($3::text IS NULL OR day <= $3)
        GROUP BY day) d`,
        [member, fromDay, toDay],
      )
    ).rows[0]?.held ?? 0,
  )

export type HeldProgressRow = { key: string; hours: number; confirmed: boolean }
/** The member's held progress rows completed in [from, to): `collection:id`, 学时, and whether a confirmed flag covers it. */
export const heldProgress = async (db: Queryable, member: number, from: Date, to: Date): Promise<HeldProgressRow[]> =>
  (
    await db.query<{ key: string; hours: string; confirmed: boolean }>(
      `SELECT sp.item_collection::text || ':' || trunc(sp.item_id)::bigint::text AS key, sp.hours_credited AS hours,
              EXISTS (SELECT 1 FROM integrity_flags f WHERE f.status = 'confirmed' AND f.member_id = sp.member_id
  AND sp.completed_at >= f.period_start - interval '1 second' AND sp.completed_at <= f.period_end + interval '1 second'
  AND jsonb_typeof(f.items) = 'array' AND f.items ? (sp.item_collection::text || ':' || trunc(sp.item_id)::bigint::text)) AS confirmed
         FROM study_progress sp WHERE sp.member_id = $1 AND sp.held AND sp.completed_at >= $2 AND sp.completed_at < $3`,
      [member, from, to],
    )
  ).rows.map((r) => ({ key: r.key, hours: Number(r.hours), confirmed: r.confirmed }))

export type OpenFlagRow = {
  id: number
  kind: FlagKind
  day: string
  status: 'pending' | 'confirmed'
  summary: string
  reason: string | null
  /** 学时 of held progress rows the flag covers. */
  hours: number
}
/** The member's flags not cleared whose period meets [from, to), newest day first, with the 学时 they hold. */
export const openFlagsOf = async (db: Queryable, member: number, from: Date, to: Date): Promise<OpenFlagRow[]> =>
  (
    await db.query<Omit<OpenFlagRow, 'hours'> & { hours: string }>(
      `SELECT f.id, f.kind::text AS kind, f.day, f.status::text AS status, f.summary, f.reason,
              (SELECT coalesce(sum(sp.hours_credited), 0) FROM study_progress sp WHERE sp.held AND f.member_id = sp.member_id
  AND sp.completed_at >= f.period_start - interval '1 second' AND sp.completed_at <= f.period_end + interval '1 second'
  AND jsonb_typeof(f.items) = 'array' AND f.items ? (sp.item_collection::text || ':' || trunc(sp.item_id)::bigint::text)) AS hours
         FROM integrity_flags f
        WHERE f.member_id = $1 AND f.status <> 'cleared' AND f.period_end >= $2 AND f.period_start < $3
        ORDER BY f.day DESC, f.id`,
      [member, from, to],
    )
  ).rows.map((r) => ({ ...r, hours: Number(r.hours) }))

export type PendingFlagRow = {
  id: number
  member_id: number
  member_name: string | null
  organization_id: number | null
  kind: FlagKind
  day: string
  period_start: Date
  period_end: Date
  seconds_held: number
  summary: string
  /** 学时 of held progress rows the flag covers. */
  hours: number
}
/** Pending flags in the organisations, newest first (at most `limit`), with the member's name and the 学时 they hold. */
export const pendingFlagsIn = async (db: Queryable, orgs: number[], limit: number): Promise<PendingFlagRow[]> =>
  (
    await db.query<Omit<PendingFlagRow, 'seconds_held' | 'hours'> & { seconds_held: string; hours: string }>(
      `SELECT f.id, f.member_id, u.name AS member_name, f.organization_id, f.kind::text AS kind, f.day, f.period_start, f.period_end, f.seconds_held, f.summary,
            (SELECT coalesce(sum(sp.hours_credited), 0) FROM study_progress sp WHERE sp.held AND f.member_id = sp.member_id
  AND sp.completed_at >= f.period_start - interval '1 second' AND sp.completed_at <= f.period_end + interval '1 second'
  AND jsonb_typeof(f.items) = 'array' AND f.items ? (sp.item_collection::text || ':' || trunc(sp.item_id)::bigint::text)) AS hours
       FROM integrity_flags f LEFT JOIN users u ON u.id = f.member_id
      WHERE f.status = 'pending' AND f.organization_id = ANY($1::int[])
      ORDER BY f.day DESC, f.id DESC LIMIT $2`,
      [orgs, limit],
    )
  ).rows.map((r) => ({ ...r, seconds_held: Number(r.seconds_held), hours: Number(r.hours) }))
