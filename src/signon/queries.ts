import type { Queryable } from '../db/transaction'

/** Every SQL statement of the campus sign-on (src/signon), each a typed function on the pool (`poolOf(payload)`). */

/** Ends the user's platform session `sid`; true when it was still open (a row was deleted). */
export const deleteUserSession = async (db: Queryable, user: number | string, sid: string | null | undefined): Promise<boolean> =>
  (await db.query('DELETE FROM users_sessions WHERE _parent_id = $1 AND id = $2 RETURNING id', [user, sid])).rows.length > 0
