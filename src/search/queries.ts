import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of search and recommendations (src/search), each a typed function on what it
 * runs on: a transaction (`tx` from `transact`) or the pool (`poolOf(payload)`).
 */

// ---------------------------------------------------------------- index documents and sync

/** How many members studied the item in the last 30 days. */
export const recentLearners = async (db: Queryable, collection: string, id: number): Promise<number> =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM study_progress WHERE item_collection::text = $1 AND item_id = $2 AND updated_at > now() - interval '30 days'`,
      [collection, id],
    )
  ).rows[0]?.n ?? 0

// Syncs that failed and are waiting out their backoff (which grows to hours after a long outage),
// last tried at least 15 seconds ago: a sync failing for another reason is not retried in a tight loop.
const WAITING_SYNCS = `queue = $1 AND task_slug = 'syncSearch' AND completed_at IS NULL AND has_error IS NOT TRUE
  AND processing IS NOT TRUE AND total_tried > 0 AND wait_until > now() AND updated_at < now() - interval '15 seconds'`

/** How many of the queue's failed syncs wait out their backoff. */
export const waitingSyncs = async (db: Queryable, queue: string): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payload_jobs WHERE ${WAITING_SYNCS}`, [queue])).rows[0]?.n ?? 0

/** Makes the queue's failed syncs waiting out their backoff due now; how many. */
export const reviveWaitingSyncs = async (db: Queryable, queue: string): Promise<number> =>
  (await db.query(`UPDATE payload_jobs SET wait_until = now() WHERE ${WAITING_SYNCS}`, [queue])).rowCount ?? 0

// ---------------------------------------------------------------- recommendations

export type StudiedRow = { item_collection: string; item_id: string; completed_at: Date | null; updated_at: Date }
/** The member's latest 200 study records, newest first. */
export const studiedItems = async (db: Queryable, member: number | string): Promise<StudiedRow[]> =>
  (
    await db.query<StudiedRow>(
      `SELECT item_collection::text, item_id, completed_at, updated_at FROM study_progress WHERE member_id = $1 ORDER BY updated_at DESC LIMIT 200`,
      [member],
    )
  ).rows

/** The themes of the questions the member answered wrong in quizzes submitted in the last 30 days. */
export const wrongThemes = async (db: Queryable, member: number | string): Promise<number[]> =>
  (
    await db.query<{ theme: number }>(
      `SELECT DISTINCT qr.themes_id AS theme
         FROM quiz_attempts a CROSS JOIN LATERAL jsonb_array_elements(a.results) r
         JOIN questions_rels qr ON qr.parent_id = (r->>'questionId')::int AND qr.path = 'themes' AND qr.themes_id IS NOT NULL
        WHERE a.member_id = $1 AND a.status = 'submitted' AND a.submitted_at > now() - interval '30 days' AND NOT (r->>'correct')::boolean`,
      [member],
    )
  ).rows.map((r) => Number(r.theme))

export type Impression = { itemKey: string; reason: string; position: number }
/**
 * The member's impressions, one row each, in one statement and one round trip on its own connection
 * (autocommit): every 首页 writes them. It commits without waiting for the disk, since an impression
 * lost in a crash costs nothing: `set_config(…, true)` lasts until that statement's own commit and
 * does not stay on the pooled connection. Before, BEGIN / SET LOCAL / INSERT / COMMIT took four.
 */
export const insertImpressions = async (db: Queryable, member: number | string, items: Impression[]): Promise<void> => {
  await db.query(
    `WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
     INSERT INTO recommendation_events (member_id, kind, item_key, reason, position, created_at, updated_at)
     SELECT $1, 'impression', t.item_key, t.reason, t.position, now(), now()
       FROM async_commit, unnest($2::text[], $3::text[], $4::int[]) AS t(item_key, reason, position)`,
    [member, items.map((it) => it.itemKey), items.map((it) => it.reason), items.map((it) => it.position)],
  )
}

/** A click on a recommended item. */
export const insertClick = async (db: Queryable, member: number | string, itemKey: string, position: number | null): Promise<void> => {
  await db.query(
    `INSERT INTO recommendation_events (member_id, kind, item_key, position, created_at, updated_at) VALUES ($1, 'click', $2, $3, now(), now())`,
    [member, itemKey, position],
  )
}
