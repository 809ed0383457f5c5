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
  // Everything recorded so far, counted into every rollup (the rebuild the nightly job runs). A later
  // migration that adds a rollup table must take this call over.
  const { rebuildRollupsSql } = await import('../cockpit/rollups')
  await db.execute(sql.raw(rebuildRollupsSql))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`DROP TABLE IF EXISTS study_org_month;`))
}
