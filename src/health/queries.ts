import type { Queryable } from '../db/transaction'

/** Every SQL statement of the health endpoints (src/health), each a typed function on the pool (`poolOf(payload)`). */

/** A round trip to the database (rejects when it does not answer). */
export const ping = async (db: Queryable): Promise<void> => {
  await db.query('SELECT 1')
}

/** Queued jobs waiting more than 10 minutes past their time (not done, not failed, not running). */
export const overdueJobs = async (db: Queryable): Promise<number> =>
  Number(
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM payload_jobs WHERE completed_at IS NULL AND has_error IS NOT TRUE AND processing IS NOT TRUE
              AND coalesce(wait_until, created_at) < now() - interval '10 minutes'`,
      )
    ).rows[0].n,
  )
