import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of the notification mails (src/mail), each a typed function on what it runs
 * on: the request's transaction (`inRequest(req)`), which claims and queues in one.
 */

export type ClaimedNotificationRow = {
  id: number
  recipient_id: number
  title: string
  body: string | null
  link: string | null
  created_at: Date
  email: string
  name: string | null
}

/** Claims (sets emailed_at on) these unmailed notifications of active people with a mail address who chose 即时; the claimed ones. */
export const claimInstantNotifications = async (db: Queryable, ids: number[]): Promise<ClaimedNotificationRow[]> =>
  (
    await db.query<ClaimedNotificationRow>(
      `UPDATE notifications n SET emailed_at = now()
          FROM users u
         WHERE n.id = ANY($1::int[]) AND n.recipient_id = u.id AND n.emailed_at IS NULL
           AND u.notification_email = 'instant' AND u.email IS NOT NULL AND u.email <> '' AND u.active IS NOT FALSE AND u.anonymised_at IS NULL
     RETURNING n.id, n.recipient_id, n.title, n.body, n.link, n.created_at, u.email, u.name`,
      [ids],
    )
  ).rows

/**
 * Claims (sets emailed_at on) the unread, unmailed notifications of the last `days` of active people
 * with a mail address who chose 每日汇总 or 即时; the claimed ones.
 */
export const claimDigestNotifications = async (db: Queryable, days: number): Promise<ClaimedNotificationRow[]> =>
  (
    await db.query<ClaimedNotificationRow>(
      `UPDATE notifications n SET emailed_at = now()
            FROM users u
           WHERE n.recipient_id = u.id AND n.emailed_at IS NULL AND n.read_at IS NULL
             AND n.created_at > now() - make_interval(days => $1)
             AND u.notification_email IN ('digest', 'instant') AND u.email IS NOT NULL AND u.email <> '' AND u.active IS NOT FALSE AND u.anonymised_at IS NULL
       RETURNING n.id, n.recipient_id, n.title, n.body, n.link, n.created_at, u.email, u.name`,
      [days],
    )
  ).rows
