import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Rollups the cockpit reads instead of scanning raw events (written by hand: triggers are not
 * schema Payload knows about):
 *   study_member_year  hours, completions and study seconds per member per year
 *   study_org_day      the same per organisation (at the time of study) per day
 *   quiz_member_year   submitted attempts, passes and score sum per member per year
 *   quiz_org_month     the same per organisation per month
 *   study_item_org_year   completions per item per organisation per year (most studied, themes)
 *   quiz_question_org_year answers and wrong answers per question per organisation per year
 * kept up to date in the same transaction as the raw write by triggers: events are counted per
 * statement (a heartbeat batch is one statement), progress and attempts by the change of the row
 * (old contribution out, new in), so completions, later hour corrections and deletions all balance.
 * Days and years are Asia/Shanghai. schedule_runs is the guard that makes each schedule fire once
 * per period however many app instances run (src/jobs/scheduler.ts).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`
CREATE TABLE study_member_year (
  member_id integer NOT NULL, year integer NOT NULL,
  hours numeric NOT NULL DEFAULT 0, completions integer NOT NULL DEFAULT 0, seconds numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, year));
CREATE TABLE study_org_day (
  organization_id integer NOT NULL, day date NOT NULL,
  hours numeric NOT NULL DEFAULT 0, completions integer NOT NULL DEFAULT 0, seconds numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, day));
CREATE TABLE quiz_member_year (
  member_id integer NOT NULL, year integer NOT NULL,
  attempts integer NOT NULL DEFAULT 0, passed integer NOT NULL DEFAULT 0, score_sum numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, year));
CREATE TABLE quiz_org_month (
  organization_id integer NOT NULL, month date NOT NULL,
  attempts integer NOT NULL DEFAULT 0, passed integer NOT NULL DEFAULT 0, score_sum numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, month));
CREATE TABLE study_item_org_year (
  item_collection varchar NOT NULL, item_id integer NOT NULL, organization_id integer NOT NULL, year integer NOT NULL,
  completions integer NOT NULL DEFAULT 0,
  PRIMARY KEY (year, organization_id, item_collection, item_id));
CREATE TABLE quiz_question_org_year (
  question_id integer NOT NULL, organization_id integer NOT NULL, year integer NOT NULL,
  answers integer NOT NULL DEFAULT 0, wrong integer NOT NULL DEFAULT 0,
  PRIMARY KEY (year, organization_id, question_id));
CREATE TABLE schedule_runs (
  schedule varchar NOT NULL, period varchar NOT NULL, claimed_at timestamptz NOT NULL DEFAULT now(), claimed_by varchar,
  PRIMARY KEY (schedule, period));

CREATE FUNCTION cockpit_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO study_org_day AS t (organization_id, day, seconds)
    SELECT coalesce(organization_id, 0), (created_at AT TIME ZONE 'Asia/Shanghai')::date, sum(credited_seconds)
      FROM new_events WHERE credited_seconds <> 0 GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (organization_id, day) DO UPDATE SET seconds = t.seconds + EXCLUDED.seconds;
  INSERT INTO study_member_year AS t (member_id, year, seconds)
    SELECT member_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int, sum(credited_seconds)
      FROM new_events WHERE credited_seconds <> 0 AND member_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (member_id, year) DO UPDATE SET seconds = t.seconds + EXCLUDED.seconds;
  RETURN NULL;
END $fn$;
CREATE TRIGGER study_events_rollup AFTER INSERT ON study_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION cockpit_events_rollup();

CREATE FUNCTION cockpit_progress_apply(m integer, org integer, at timestamptz, hrs numeric, sign integer, coll text, item numeric) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF at IS NULL THEN RETURN; END IF;
  INSERT INTO study_item_org_year AS t (item_collection, item_id, organization_id, year, completions)
    VALUES (coll, item::int, coalesce(org, 0), extract(year FROM at AT TIME ZONE 'Asia/Shanghai')::int, sign)
    ON CONFLICT (year, organization_id, item_collection, item_id) DO UPDATE SET completions = t.completions + EXCLUDED.completions;
  IF m IS NOT NULL THEN
    INSERT INTO study_member_year AS t (member_id, year, hours, completions)
      VALUES (m, extract(year FROM at AT TIME ZONE 'Asia/Shanghai')::int, sign * hrs, sign)
      ON CONFLICT (member_id, year) DO UPDATE SET hours = t.hours + EXCLUDED.hours, completions = t.completions + EXCLUDED.completions;
  END IF;
  INSERT INTO study_org_day AS t (organization_id, day, hours, completions)
    VALUES (coalesce(org, 0), (at AT TIME ZONE 'Asia/Shanghai')::date, sign * hrs, sign)
    ON CONFLICT (organization_id, day) DO UPDATE SET hours = t.hours + EXCLUDED.hours, completions = t.completions + EXCLUDED.completions;
END $fn$;
CREATE FUNCTION cockpit_progress_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM cockpit_progress_apply(OLD.member_id, OLD.organization_id, OLD.completed_at, OLD.hours_credited, -1, OLD.item_collection::text, OLD.item_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM cockpit_progress_apply(NEW.member_id, NEW.organization_id, NEW.completed_at, NEW.hours_credited, 1, NEW.item_collection::text, NEW.item_id); END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER study_progress_rollup_ins AFTER INSERT ON study_progress
  FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL) EXECUTE FUNCTION cockpit_progress_rollup();
CREATE TRIGGER study_progress_rollup_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.hours_credited IS DISTINCT FROM NEW.hours_credited
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id)
  EXECUTE FUNCTION cockpit_progress_rollup();
CREATE TRIGGER study_progress_rollup_del AFTER DELETE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS NOT NULL) EXECUTE FUNCTION cockpit_progress_rollup();

CREATE FUNCTION cockpit_attempt_apply(m integer, org integer, at timestamptz, st text, ok boolean, sc numeric, sign integer, res jsonb) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF at IS NULL OR st <> 'submitted' THEN RETURN; END IF;
  IF jsonb_typeof(res) = 'array' THEN
    INSERT INTO quiz_question_org_year AS t (question_id, organization_id, year, answers, wrong)
      SELECT (r->>'questionId')::int, coalesce(org, 0), extract(year FROM at AT TIME ZONE 'Asia/Shanghai')::int, sign * count(*), sign * count(*) FILTER (WHERE NOT coalesce((r->>'correct')::boolean, false))
        FROM jsonb_array_elements(res) r WHERE r ? 'questionId' GROUP BY 1 ORDER BY 1
      ON CONFLICT (year, organization_id, question_id) DO UPDATE SET answers = t.answers + EXCLUDED.answers, wrong = t.wrong + EXCLUDED.wrong;
  END IF;
  IF m IS NOT NULL THEN
    INSERT INTO quiz_member_year AS t (member_id, year, attempts, passed, score_sum)
      VALUES (m, extract(year FROM at AT TIME ZONE 'Asia/Shanghai')::int, sign, CASE WHEN ok THEN sign ELSE 0 END, sign * coalesce(sc, 0))
      ON CONFLICT (member_id, year) DO UPDATE SET attempts = t.attempts + EXCLUDED.attempts, passed = t.passed + EXCLUDED.passed, score_sum = t.score_sum + EXCLUDED.score_sum;
  END IF;
  INSERT INTO quiz_org_month AS t (organization_id, month, attempts, passed, score_sum)
    VALUES (coalesce(org, 0), date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date, sign, CASE WHEN ok THEN sign ELSE 0 END, sign * coalesce(sc, 0))
    ON CONFLICT (organization_id, month) DO UPDATE SET attempts = t.attempts + EXCLUDED.attempts, passed = t.passed + EXCLUDED.passed, score_sum = t.score_sum + EXCLUDED.score_sum;
END $fn$;
CREATE FUNCTION cockpit_attempt_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM cockpit_attempt_apply(OLD.member_id, OLD.organization_id, OLD.submitted_at, OLD.status::text, OLD.passed, OLD.score, -1, OLD.results); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM cockpit_attempt_apply(NEW.member_id, NEW.organization_id, NEW.submitted_at, NEW.status::text, NEW.passed, NEW.score, 1, NEW.results); END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER quiz_attempts_rollup AFTER INSERT OR UPDATE OR DELETE ON quiz_attempts
  FOR EACH ROW EXECUTE FUNCTION cockpit_attempt_rollup();
`),
  )
  // What was recorded before the rollups existed is counted in by the next migration (which adds
  // the last rollup table), with the rebuild of src/cockpit/rollups.ts.
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql.raw(`
DROP TRIGGER IF EXISTS quiz_attempts_rollup ON quiz_attempts;
DROP TRIGGER IF EXISTS study_progress_rollup_del ON study_progress;
DROP TRIGGER IF EXISTS study_progress_rollup_upd ON study_progress;
DROP TRIGGER IF EXISTS study_progress_rollup_ins ON study_progress;
DROP TRIGGER IF EXISTS study_events_rollup ON study_events;
DROP FUNCTION IF EXISTS cockpit_attempt_rollup(), cockpit_attempt_apply(integer, integer, timestamptz, text, boolean, numeric, integer, jsonb),
  cockpit_progress_rollup(), cockpit_progress_apply(integer, integer, timestamptz, numeric, integer, text, numeric), cockpit_events_rollup();
DROP TABLE IF EXISTS schedule_runs, quiz_question_org_year, study_item_org_year, quiz_org_month, quiz_member_year, study_org_day, study_member_year;
`),
  )
}
