import type { Queryable } from '../db/transaction'

/**
 * Every SQL statement of 培训学时 (src/training) not shared with another area, each a typed function
 * on what it runs on: the save's transaction (`inRequest(req)`). The branch's people and committee
 * staff are read with src/meetings/queries.ts (activeOfBranch, committeeStaffOf).
 */

/** The people's names, by name. */
export const namesOf = async (db: Queryable, people: number[]): Promise<string[]> =>
  (await db.query<{ name: string }>(`SELECT name FROM users WHERE id = ANY($1::int[]) ORDER BY name`, [people])).rows.map((r) =>
    String(r.name),
  )
