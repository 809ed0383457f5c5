import type { Queryable } from '../db/transaction'
import type { ComplianceIssue } from '../organizations/types'
import type { NotificationKind } from './kinds'

/**
 * Every SQL statement of the nightly warnings (src/warnings), each a typed function on the pool
 * (`poolOf(payload)`). PostgreSQL's numeric values (strings to node-postgres) come back as numbers.
 */

export type NewNote = {
  recipient: number
  kind: NotificationKind
  title: string
  body: string
  link: string
  organization: number | null
  conditionKey: string
}
/**
 * Writes the notifications of the day, skipping any the recipient already has for its condition
 * that day (the unique index decides). Returns the ids of the new ones.
 */
export const insertNotifications = async (db: Queryable, notes: NewNote[], day: string): Promise<number[]> =>
  (
    await db.query<{ id: number }>(
      `INSERT INTO notifications (recipient_id, kind, title, body, link, organization_id, condition_key, day, created_at, updated_at)
     SELECT * , now(), now() FROM unnest($1::int[], $2::enum_notifications_kind[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[])
     ON CONFLICT (recipient_id, condition_key, day) DO NOTHING RETURNING id`,
      [
        notes.map((n) => n.recipient),
        notes.map((n) => n.kind),
        notes.map((n) => n.title),
        notes.map((n) => n.body),
        notes.map((n) => n.link),
        notes.map((n) => n.organization),
        notes.map((n) => n.conditionKey),
        notes.map(() => day),
      ],
    )
  ).rows.map((r) => Number(r.id))

/** Active committee staff (role partyCommittee) with an organisation: id and organisation. */
export const committeeStaffRows = async (db: Queryable): Promise<Array<{ id: number; organization_id: number }>> =>
  (
    await db.query<{ id: number; organization_id: number }>(
      `SELECT u.id, u.organization_id FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'partyCommittee' WHERE u.active IS NOT FALSE AND u.organization_id IS NOT NULL`,
    )
  ).rows

export type BehindMemberRow = { id: number; organization_id: number | null; secretary_id: number | null; hours: number; cadre: boolean }
/**
 * Active members (role member) at one of the stages whose 学时 of the year are below the expected
 * hours: `cadreHours` for those holding one of `cadreRoles`, `memberHours` for the others. In id order.
 */
export const membersBehind = async (
  db: Queryable,
  p: { year: number; stages: string[]; memberHours: number; cadreHours: number; cadreRoles: readonly string[] },
): Promise<BehindMemberRow[]> =>
  (
    await db.query<Omit<BehindMemberRow, 'hours'> & { hours: string }>(
      `SELECT * FROM (
       SELECT u.id, u.organization_id, o.secretary_id, coalesce(y.hours, 0) AS hours,
              EXISTS (SELECT 1 FROM users_roles cr WHERE cr.parent_id = u.id AND cr.value::text = ANY($5::text[])) AS cadre
         FROM users u
         JOIN users_roles r ON r.parent_id = u.id AND r.value = 'member'
         LEFT JOIN organizations o ON o.id = u.organization_id
         LEFT JOIN study_member_year y ON y.member_id = u.id AND y.year = $1
        WHERE u.active IS NOT FALSE AND u.political_stage::text = ANY($2)) m
      WHERE m.hours < CASE WHEN m.cadre THEN $4::numeric ELSE $3::numeric END
      ORDER BY m.id`,
      [p.year, p.stages, p.memberHours, p.cadreHours, p.cadreRoles],
    )
  ).rows.map((r) => ({ ...r, hours: Number(r.hours) }))

export type OrganizationCheckRow = {
  id: number
  name: string
  type: string
  parent_id: number | null
  secretary_id: number | null
  term_end: Date | null
  issues: ComplianceIssue[]
}
/** Every organisation with its type, parent, secretary, term end and compliance issues, in id order. */
export const organizationsToCheck = async (db: Queryable): Promise<OrganizationCheckRow[]> =>
  (
    await db.query<OrganizationCheckRow>(
      `SELECT o.id, o.name, o.type::text, o.parent_id, o.secretary_id, o.term_end,
            ARRAY(SELECT value::text FROM organizations_compliance_issues i WHERE i.parent_id = o.id ORDER BY value) AS issues
       FROM organizations o ORDER BY o.id`,
    )
  ).rows

/** How many of the person's notifications are unread (the member site's bell, on every page). */
export const unreadCount = async (db: Queryable, recipient: number): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, [recipient]))
    .rows[0].n
