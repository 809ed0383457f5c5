import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of 人员 (src/people), each a typed function on what it runs on: a
 * transaction (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or
 * the pool (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 */

/** Whether the person has a development case in progress. */
export const hasActiveDevelopmentCase = async (db: Queryable, person: number): Promise<boolean> =>
  (await db.query(`SELECT 1 FROM development_cases WHERE person_id = $1 AND status = 'active'`, [person])).rows.length > 0

/** Whether the person has study progress, quiz attempts, points or study events. */
export const hasLearningRecords = async (db: Queryable, person: number): Promise<boolean> =>
  Boolean(
    (
      await db.query<{ has: boolean }>(
        `SELECT (EXISTS (SELECT 1 FROM study_progress WHERE member_id = $1)
             OR EXISTS (SELECT 1 FROM quiz_attempts WHERE member_id = $1)
             OR EXISTS (SELECT 1 FROM points_ledger WHERE member_id = $1)
             OR EXISTS (SELECT 1 FROM study_events WHERE member_id = $1)) AS has`,
        [person],
      )
    ).rows[0]?.has,
  )
