import type { Queryable } from '../db/transaction'

/** Every SQL statement of the organisation tree (src/organizations), each a typed function on the pool (`poolOf(payload)`). */

export type OrganizationLinkRow = { id: number; parent_id: number | null }
/** Every organisation with its parent (null for the root): the whole tree. */
export const organizationLinks = async (db: Queryable): Promise<OrganizationLinkRow[]> =>
  (await db.query<OrganizationLinkRow>('SELECT id, parent_id FROM organizations')).rows
