-- The cockpit keeps its per-member figures (one row per member in scope, src/cockpit/cache.ts) in
-- each process until they move: a member's year 学时 or completions, their quiz figures, or who
-- counts (organisation, political stage, active, roles). Each such change names the member
-- ('member:<id>'), so a process re-reads that one row instead of every member (a member who leaves
-- the scope has no row to read and is taken out; one who enters is added). Only deletions from the
-- rollups and TRUNCATE (a rebuild) say the operation, and every row is read again. Heartbeats that
-- only add study seconds do not notify (the WHEN clause), so the study path pays nothing for it;
-- Payload rewrites a person's roles rows on every save of the person, which now costs one row, not all.
CREATE OR REPLACE FUNCTION notify_cockpit_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME IN ('study_member_year', 'quiz_member_year') AND TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('cockpit_members', 'member:' || NEW.member_id);
    IF TG_OP = 'UPDATE' AND OLD.member_id IS DISTINCT FROM NEW.member_id THEN
      PERFORM pg_notify('cockpit_members', 'member:' || OLD.member_id);
    END IF;
  ELSIF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('cockpit_members', 'member:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  ELSIF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'users_roles' THEN
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('cockpit_members', 'member:' || NEW.parent_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.parent_id IS DISTINCT FROM NEW.parent_id) THEN
      PERFORM pg_notify('cockpit_members', 'member:' || OLD.parent_id);
    END IF;
  ELSE
    PERFORM pg_notify('cockpit_members', TG_OP);
  END IF;
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
CREATE TRIGGER quiz_member_year_cockpit AFTER INSERT OR UPDATE ON quiz_member_year
  FOR EACH ROW EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS quiz_member_year_cockpit_del ON quiz_member_year;
CREATE TRIGGER quiz_member_year_cockpit_del AFTER DELETE OR TRUNCATE ON quiz_member_year
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_cockpit ON users;
CREATE TRIGGER users_cockpit AFTER INSERT OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_cockpit_upd ON users;
CREATE TRIGGER users_cockpit_upd AFTER UPDATE OF organization_id, political_stage, active ON users
  FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.political_stage IS DISTINCT FROM NEW.political_stage
                     OR OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_cockpit_truncate ON users;
CREATE TRIGGER users_cockpit_truncate AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_roles_cockpit ON users_roles;
CREATE TRIGGER users_roles_cockpit AFTER INSERT OR UPDATE OR DELETE ON users_roles
  FOR EACH ROW EXECUTE FUNCTION notify_cockpit_members();
DROP TRIGGER IF EXISTS users_roles_cockpit_truncate ON users_roles;
CREATE TRIGGER users_roles_cockpit_truncate AFTER TRUNCATE ON users_roles
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_members();
