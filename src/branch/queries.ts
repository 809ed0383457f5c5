import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of the branch secretary's tools (src/branch), each a typed function on what it
 * runs on: a transaction (`tx` from `transact`) or the pool (`poolOf(payload)`). PostgreSQL's numeric
 * values (strings to node-postgres) come back as numbers.
 */

export type PersonRow = { id: number; name: string; organization_id: number | null; active: boolean | null; roles: string[] }
/** The user's id, name, organisation, active flag and roles, or undefined when there is none. */
export const personRow = async (db: Queryable, id: number): Promise<PersonRow | undefined> =>
  (
    await db.query<PersonRow>(
      `SELECT id, name, organization_id, active, ARRAY(SELECT value::text FROM users_roles WHERE parent_id = users.id) AS roles FROM users WHERE id = $1`,
      [id],
    )
  ).rows[0]

export type LastNotificationRow = { recipient_id: number; at: Date }
/** The latest notification of the kind to each of the recipients. */
export const lastNotifications = async (db: Queryable, kind: string, recipients: number[]): Promise<LastNotificationRow[]> =>
  (
    await db.query<LastNotificationRow>(
      `SELECT recipient_id, max(created_at) AS at FROM notifications WHERE kind::text = $1 AND recipient_id = ANY($2::int[]) GROUP BY recipient_id`,
      [kind, recipients],
    )
  ).rows

/** The member's 学时 of the year (0 when none). */
export const memberYearHours = async (db: Queryable, member: number, year: number): Promise<number> =>
  Number(
    (
      await db.query<{ hours: string }>(`SELECT coalesce(hours, 0) AS hours FROM study_member_year WHERE member_id = $1 AND year = $2`, [
        member,
        year,
      ])
    ).rows[0]?.hours ?? 0,
  )

/** The organisation's name, or undefined when there is none. */
export const organizationName = async (db: Queryable, id: number | string): Promise<string | undefined> =>
  (await db.query<{ name: string }>(`SELECT name FROM organizations WHERE id = $1`, [id])).rows[0]?.name

/** Waits for the transaction's advisory lock on (kind, member): one reminder at a time per member. */
export const lockReminder = async (db: Queryable, kind: string, member: number): Promise<void> => {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext($1), $2)`, [kind, member])
}

/** When the member last had a notification of the kind after `since`, or null when not. */
export const lastNotificationSince = async (db: Queryable, member: number, kind: string, since: Date): Promise<Date | null> =>
  (
    await db.query<{ at: Date | null }>(
      `SELECT max(created_at) AS at FROM notifications WHERE recipient_id = $1 AND kind::text = $2 AND created_at > $3`,
      [member, kind, since],
    )
  ).rows[0]?.at ?? null

export type NewNotification = {
  recipient: number
  kind: string
  title: string
  body: string
  organization: number | string
  day: string
  at: Date
}
export type InsertedNotificationRow = { id: number; created_at: Date }
/** A notification written without Payload (link '/', condition key its kind), created and updated at `at`. */
export const insertNotification = async (db: Queryable, n: NewNotification): Promise<InsertedNotificationRow> =>
  (
    await db.query<InsertedNotificationRow>(
      `INSERT INTO notifications (recipient_id, kind, title, body, link, organization_id, condition_key, day, created_at, updated_at)
       VALUES ($1, $2::enum_notifications_kind, $3, $4, '/', $5, $6, $7, $8, $8) RETURNING id, created_at`,
      [n.recipient, n.kind, n.title, n.body, n.organization, n.kind, n.day, n.at],
    )
  ).rows[0]
