import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Cockpit member notices: NOTIFY cockpit_members when the cockpit's per-member figures move, so every
 * process drops its copy (src/cockpit/cache.ts). Triggers only, written by hand. The SQL is a
 * snapshot of src/db/sql/cockpit_changes.sql as of this migration.
 */
export const COCKPIT_CHANGES_SQL = `-- The cockpit keeps its per-member figures (the scan of every member in scope, src/cockpit/cache.ts)
-- in each process until they move: a member's year 学时 or completions, their quiz figures, or who
-- counts (organisation, political stage, active, roles). Heartbeats that only add study seconds do
-- not notify (the WHEN clause), so the study path pays nothing for it.
CREATE OR REPLACE FUNCTION notify_cockpit_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cockpit_members', TG_OP);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS study_member_year_cockpit_ins ON study_member_year;
CREATE TRIGGER study_member_year_cockpit_ins AFTER INSERT ON study_member_year
  FOR EACH ROW WHEN (NEW.hours <> 0 OR NEW.completions <> 0) EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS study_member_year_cockpit_upd ON study_member_year;
CREATE TRIGGER study_member_year_cockpit_upd AFTER UPDATE ON study_member_year
  FOR EACH ROW WHEN (OLD.hours IS DISTINCT FROM NEW.hours OR OLD.completions IS DISTINCT FROM NEW.completions
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.year IS DISTINCT FROM NEW.year)
  EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS study_member_year_cockpit_del ON study_member_year;
CREATE TRIGGER study_member_year_cockpit_del AFTER DELETE OR TRUNCATE ON study_member_year
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS quiz_member_year_cockpit ON quiz_member_year;
CREATE TRIGGER quiz_member_year_cockpit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quiz_member_year
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_cockpit ON users;
CREATE TRIGGER users_cockpit AFTER INSERT OR DELETE OR UPDATE OF organization_id, political_stage, active OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_roles_cockpit ON users_roles;
CREATE TRIGGER users_roles_cockpit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users_roles
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
`

const TRIGGERS: Array<[string, string]> = [
  ['study_member_year_cockpit_ins', 'study_member_year'],
  ['study_member_year_cockpit_upd', 'study_member_year'],
  ['study_member_year_cockpit_del', 'study_member_year'],
  ['quiz_member_year_cockpit', 'quiz_member_year'],
  ['users_cockpit', 'users'],
  ['users_roles_cockpit', 'users_roles'],
]

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(COCKPIT_CHANGES_SQL))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql.raw(
      `${TRIGGERS.map(([t, table]) => `DROP TRIGGER IF EXISTS ${t} ON ${table};`).join(' ')} DROP FUNCTION IF EXISTS notify_cockpit_members();`,
    ),
  )
}
