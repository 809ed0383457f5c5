-- The cockpit keeps the parts of its answer per scope and year (src/cockpit/cache.ts) in each process
-- until something each reads moves. The per-member figures have their own channel (cockpit_changes.sql);
-- settings, themes, content items and the organisation tree theirs (change_notices.sql,
-- organization_tree.sql). This channel reports the rest: the monthly, item and question rollups,
-- question stems, organisations (names, counts, compliance, terms, secretaries), people's names and
-- review actions. Each notice names the table that moved, so that only the parts reading it are read
-- again; a row of the item rollup that changes completions names the item instead ('item:<collection>:<id>'),
-- so that a process re-reads that item's sums alone (src/cockpit/cache.ts), while a DELETE or TRUNCATE
-- of it (a rebuild) names the table and every item is read again. Heartbeats that only add study seconds to a month do not notify (the WHEN clauses), so the
-- study path pays nothing; the month chart's study time may therefore lag by the cache's maximum age
-- (one minute), while 学时, completions and quiz figures are exact.
CREATE OR REPLACE FUNCTION notify_cockpit_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'study_item_org_year' AND TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('cockpit_figures', 'item:' || NEW.item_collection || ':' || NEW.item_id);
    IF TG_OP = 'UPDATE' AND (OLD.item_collection IS DISTINCT FROM NEW.item_collection OR OLD.item_id IS DISTINCT FROM NEW.item_id) THEN
      PERFORM pg_notify('cockpit_figures', 'item:' || OLD.item_collection || ':' || OLD.item_id);
    END IF;
  ELSE
    PERFORM pg_notify('cockpit_figures', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS study_org_month_figures_ins ON study_org_month;
CREATE TRIGGER study_org_month_figures_ins AFTER INSERT ON study_org_month
  FOR EACH ROW WHEN (NEW.hours <> 0 OR NEW.completions <> 0) EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS study_org_month_figures_upd ON study_org_month;
CREATE TRIGGER study_org_month_figures_upd AFTER UPDATE ON study_org_month
  FOR EACH ROW WHEN (OLD.hours IS DISTINCT FROM NEW.hours OR OLD.completions IS DISTINCT FROM NEW.completions
                     OR OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.month IS DISTINCT FROM NEW.month)
  EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS study_org_month_figures_del ON study_org_month;
CREATE TRIGGER study_org_month_figures_del AFTER DELETE OR TRUNCATE ON study_org_month
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS quiz_org_month_figures ON quiz_org_month;
CREATE TRIGGER quiz_org_month_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quiz_org_month
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS study_item_org_year_figures ON study_item_org_year;
DROP TRIGGER IF EXISTS study_item_org_year_figures_ins ON study_item_org_year;
CREATE TRIGGER study_item_org_year_figures_ins AFTER INSERT ON study_item_org_year
  FOR EACH ROW WHEN (NEW.completions <> 0) EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS study_item_org_year_figures_upd ON study_item_org_year;
CREATE TRIGGER study_item_org_year_figures_upd AFTER UPDATE ON study_item_org_year
  FOR EACH ROW WHEN (OLD.completions IS DISTINCT FROM NEW.completions OR OLD.item_collection IS DISTINCT FROM NEW.item_collection
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.year IS DISTINCT FROM NEW.year)
  EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS study_item_org_year_figures_del ON study_item_org_year;
CREATE TRIGGER study_item_org_year_figures_del AFTER DELETE OR TRUNCATE ON study_item_org_year
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS quiz_question_org_year_figures ON quiz_question_org_year;
CREATE TRIGGER quiz_question_org_year_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quiz_question_org_year
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS questions_figures ON questions;
CREATE TRIGGER questions_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON questions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS organizations_figures ON organizations;
CREATE TRIGGER organizations_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS organizations_compliance_issues_figures ON organizations_compliance_issues;
CREATE TRIGGER organizations_compliance_issues_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations_compliance_issues
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS users_name_figures ON users;
CREATE TRIGGER users_name_figures AFTER UPDATE OF name ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS review_logs_figures ON review_logs;
CREATE TRIGGER review_logs_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review_logs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS news_rels_figures ON news_rels;
CREATE TRIGGER news_rels_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS red_resources_rels_figures ON red_resources_rels;
CREATE TRIGGER red_resources_rels_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON red_resources_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS micro_lessons_rels_figures ON micro_lessons_rels;
CREATE TRIGGER micro_lessons_rels_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON micro_lessons_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
DROP TRIGGER IF EXISTS courses_rels_figures ON courses_rels;
CREATE TRIGGER courses_rels_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON courses_rels
  FOR EACH STATEMENT EXECUTE FUNCTION notify_cockpit_figures();
