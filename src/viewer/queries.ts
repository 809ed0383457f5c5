import type { Queryable } from '../db/transaction'
import type { User } from '../payload-types'

/** Every SQL statement of the viewer (src/viewer), each a typed function on the pool (`poolOf(payload)`). */

export type ViewerRow = {
  id: number
  name: string
  political_stage: NonNullable<User['politicalStage']>
  organization_id: number | null
  active: boolean | null
  roles: NonNullable<User['roles']>
  interests: number[]
}
/** The user with their roles and followed themes; with a session id, only while that session is open. Undefined otherwise. */
export const viewerRow = async (db: Queryable, id: number, sid: string | null): Promise<ViewerRow | undefined> =>
  (
    await db.query<ViewerRow>(
      `SELECT u.id, u.name, u.political_stage, u.organization_id, u.active,
            ARRAY(SELECT value::text FROM users_roles WHERE parent_id = u.id) AS roles,
            ARRAY(SELECT themes_id FROM users_rels WHERE parent_id = u.id AND path = 'interests' AND themes_id IS NOT NULL ORDER BY "order") AS interests
       FROM users u
      WHERE u.id = $1 AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM users_sessions s WHERE s._parent_id = u.id AND s.id = $2 AND s.expires_at > now()))`,
      [id, sid],
    )
  ).rows[0]
