import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of the job queue's guards and the nightly scheduler (src/jobs), each a typed
 * function on what it runs on. The queue locks are session-level advisory locks: they belong to the
 * connection that took them, so taking and releasing one must run on the same client (one
 * `pool.connect()`), never on the pool.
 */

/** Tries the session-level advisory lock (lockClass, hashtext(queue)) on this connection; true when it is now held. */
export const tryQueueLock = async (client: Queryable, lockClass: number, queue: string): Promise<boolean> =>
  (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [lockClass, queue])).rows[0]?.ok === true

/** Releases the session-level advisory lock (lockClass, hashtext(queue)) this connection holds. */
export const releaseQueueLock = async (client: Queryable, lockClass: number, queue: string): Promise<void> => {
  await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [lockClass, queue])
}

/** The job's queue (null for the default queue), or undefined when there is no such job. */
export const jobQueue = async (db: Queryable, id: number | string): Promise<string | null | undefined> =>
  (await db.query<{ queue: string | null }>('SELECT queue FROM payload_jobs WHERE id = $1', [id])).rows[0]?.queue

/** Whether the job exists and is neither completed nor being processed. */
export const jobStillPending = async (db: Queryable, id: number | string): Promise<boolean> =>
  !!(await db.query(`SELECT 1 FROM payload_jobs WHERE id = $1 AND completed_at IS NULL AND processing IS NOT TRUE`, [id])).rowCount

/** Claims the schedule's run for the period; true when this call claimed it (one insert wins). */
export const claimScheduleRun = async (db: Queryable, schedule: string, period: string, instance: string): Promise<boolean> =>
  (
    await db.query(`INSERT INTO schedule_runs (schedule, period, claimed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      schedule,
      period,
      instance,
    ])
  ).rowCount === 1

/** Gives the schedule's claim for the period back (its job was not queued). */
export const releaseScheduleRun = async (db: Queryable, schedule: string, period: string): Promise<void> => {
  await db.query(`DELETE FROM schedule_runs WHERE schedule = $1 AND period = $2`, [schedule, period])
}
