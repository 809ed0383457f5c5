import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The organisation tree's change notice (src/organizations/tree.ts). The SQL is a snapshot of
 * src/db/sql/organization_tree.sql as of this migration: migrations keep the text they ran, and
 * import no application code.
 */
export const ORGANIZATION_TREE_SQL = `-- Every process caches the organisation tree (src/organizations/tree.ts) and LISTENs on this
-- channel: any change of the tree, by the admin, a script or another instance, reaches them all.
CREATE OR REPLACE FUNCTION organization_tree_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('organization_tree', TG_OP);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS organizations_tree_changed ON organizations;
CREATE TRIGGER organizations_tree_changed
  AFTER INSERT OR DELETE OR UPDATE OF parent_id OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION organization_tree_changed();
`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(ORGANIZATION_TREE_SQL))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql.raw(`DROP TRIGGER IF EXISTS organizations_tree_changed ON organizations; DROP FUNCTION IF EXISTS organization_tree_changed();`),
  )
}
