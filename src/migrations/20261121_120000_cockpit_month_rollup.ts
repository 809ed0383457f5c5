import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * study_org_month: the monthly trend read from 12 rows per organisation instead of 365 (the
 * committee-level cockpit summed about 145,000 day rows per view in `npm run bench:cockpit`).
 * The two rollup functions now keep it alongside study_org_day. Written by hand.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`
CREATE TABLE study_org_month (
  organization_id integer NOT NULL, month date NOT NULL,
  hours numeric NOT NULL DEFAULT 0, completions integer NOT NULL DEFAULT 0, seconds numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, month));

CREATE OR REPLACE FUNCTION cockpit_events_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO study_org_day AS t (organization_id, day, seconds)
    SELECT coalesce(organization_id, 0), (created_at AT TIME ZONE 'Asia/Shanghai')::date, sum(credited_seconds)
      FROM new_events WHERE credited_seconds <> 0 GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (organization_id, day) DO UPDATE SET seconds = t.seconds + EXCLUDED.seconds;
  INSERT INTO study_org_month AS t (organization_id, month, seconds)
    SELECT coalesce(organization_id, 0), date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date, sum(credited_seconds)
      FROM new_events WHERE credited_seconds <> 0 GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (organization_id, month) DO UPDATE SET seconds = t.seconds + EXCLUDED.seconds;
  INSERT INTO study_member_year AS t (member_id, year, seconds)
    SELECT member_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int, sum(credited_seconds)
      FROM new_events WHERE credited_seconds <> 0 AND member_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (member_id, year) DO UPDATE SET seconds = t.seconds + EXCLUDED.seconds;
  RETURN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION cockpit_progress_apply(m integer, org integer, at timestamptz, hrs numeric, sign integer, coll text, item numeric) RETURNS void LANGUAGE plpgsql AS $fn$
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
  INSERT INTO study_org_month AS t (organization_id, month, hours, completions)
    VALUES (coalesce(org, 0), date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date, sign * hrs, sign)
    ON CONFLICT (organization_id, month) DO UPDATE SET hours = t.hours + EXCLUDED.hours, completions = t.completions + EXCLUDED.completions;
END $fn$;
`),
  )
  // Everything recorded so far, counted into every rollup (the rebuild the nightly job runs, as it was
  // then: src/cockpit/rollups.ts now also reads study_progress.held, added by a later migration).
  await db.execute(sql.raw(REBUILD_AT_THIS_MIGRATION))
}

const REBUILD_AT_THIS_MIGRATION = `
TRUNCATE study_member_year, study_org_day, study_org_month, quiz_member_year, quiz_org_month, study_item_org_year, quiz_question_org_year;
INSERT INTO study_org_day (organization_id, day, seconds, hours, completions)
  SELECT org, day, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT coalesce(organization_id, 0) AS org, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 GROUP BY 1, 2
    UNION ALL
    SELECT coalesce(organization_id, 0), (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, sum(hours_credited), count(*)
      FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2) x
  GROUP BY org, day;
INSERT INTO study_org_month (organization_id, month, seconds, hours, completions)
  SELECT organization_id, date_trunc('month', day)::date, sum(seconds), sum(hours), sum(completions) FROM study_org_day GROUP BY 1, 2;
INSERT INTO study_member_year (member_id, year, seconds, hours, completions)
  SELECT member_id, year, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT member_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS year, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 AND member_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT member_id, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, 0, sum(hours_credited), count(*)
      FROM study_progress WHERE completed_at IS NOT NULL AND member_id IS NOT NULL GROUP BY 1, 2) x
  GROUP BY member_id, year;
INSERT INTO quiz_member_year (member_id, year, attempts, passed, score_sum)
  SELECT member_id, extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int, count(*), count(*) FILTER (WHERE passed), coalesce(sum(score), 0)
    FROM quiz_attempts WHERE status = 'submitted' AND submitted_at IS NOT NULL AND member_id IS NOT NULL GROUP BY 1, 2;
INSERT INTO quiz_org_month (organization_id, month, attempts, passed, score_sum)
  SELECT coalesce(organization_id, 0), date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai')::date, count(*), count(*) FILTER (WHERE passed), coalesce(sum(score), 0)
    FROM quiz_attempts WHERE status = 'submitted' AND submitted_at IS NOT NULL GROUP BY 1, 2;
INSERT INTO study_item_org_year (item_collection, item_id, organization_id, year, completions)
  SELECT item_collection::text, item_id::int, coalesce(organization_id, 0), extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, count(*)
    FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO quiz_question_org_year (question_id, organization_id, year, answers, wrong)
  SELECT (r->>'questionId')::int, coalesce(a.organization_id, 0), extract(year FROM a.submitted_at AT TIME ZONE 'Asia/Shanghai')::int,
         count(*), count(*) FILTER (WHERE NOT coalesce((r->>'correct')::boolean, false))
    FROM quiz_attempts a CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.results) = 'array' THEN a.results ELSE '[]'::jsonb END) r
   WHERE a.status = 'submitted' AND a.submitted_at IS NOT NULL AND r ? 'questionId' GROUP BY 1, 2, 3;
`

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`DROP TABLE IF EXISTS study_org_month;`))
}
