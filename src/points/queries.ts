import type { Queryable } from '../db/transaction'
import type { PointRule } from './rules'

/**
 * Every SQL statement of 积分 (src/points), each a typed function on what it runs on: a transaction
 * (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or the pool
 * (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 * PostgreSQL's numeric and bigint values (strings to node-postgres) come back as numbers.
 */

/** The advisory-lock class of organisations in study crediting (the first key of pg_advisory_xact_lock). */
export const CREDIT_LOCK_CLASS = 7201

// ---------------------------------------------------------------- the ledger

/** The points the member was awarded under the rule on the (Shanghai) day; 0 when none. */
export const pointsOfDay = async (db: Queryable, member: number, rule: PointRule, day: string): Promise<number> =>
  Number(
    (
      await db.query<{ sum: string | null }>(
        'SELECT sum(points) AS sum FROM points_ledger WHERE member_id = $1 AND rule = $2 AND day = $3',
        [member, rule, day],
      )
    ).rows[0]?.sum ?? 0,
  )

/** Writes a ledger entry at `at` (also its created and updated time) unless the event already has one; whether it did. */
export const insertPoints = async (
  db: Queryable,
  e: {
    member: number
    organization: number | null
    rule: PointRule
    points: number
    day: string
    eventKey: string
    note: string | null
    at: Date
  },
): Promise<boolean> =>
  !!(
    await db.query(
      `INSERT INTO points_ledger (member_id, organization_id, rule, points, day, event_key, note, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (member_id, rule, event_key) DO NOTHING`,
      [e.member, e.organization, e.rule, e.points, e.day, e.eventKey, e.note, e.at],
    )
  ).rowCount

// ---------------------------------------------------------------- the member's lock

/** Takes the advisory lock of the member's organisation (CREDIT_LOCK_CLASS; 0 without one) until the transaction ends. */
export const lockOrganizationOf = async (db: Queryable, member: number): Promise<void> => {
  await db.query(`SELECT pg_advisory_xact_lock(${CREDIT_LOCK_CLASS}, coalesce(organization_id, 0)) FROM users WHERE id = $1`, [member])
}

/** Makes sure the member has a study-session row (an empty one, last beat at `at`, when none). */
export const ensureStudySession = async (db: Queryable, member: number, at: Date): Promise<void> => {
  await db.query(
    `INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, created_at, updated_at)
     VALUES ($1, '', 0, $2, $2, $2) ON CONFLICT (member_id) DO NOTHING`,
    [member, at],
  )
}

/** Locks the member's study-session row FOR UPDATE until the transaction ends. */
export const lockStudySession = async (db: Queryable, member: number): Promise<void> => {
  await db.query('SELECT id FROM study_sessions WHERE member_id = $1 FOR UPDATE', [member])
}
