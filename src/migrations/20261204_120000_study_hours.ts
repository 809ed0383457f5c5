import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The 学时台账 (issue 15 §4): `study_hours`, one entry per credit of 学时 from any source, and
 * `trainings`, the first offline source (a branch records a concentrated training or an external
 * course, the college committee confirms it). Online study's completed items are copied in as they
 * stand, then the trigger keeps them; from here the cockpit rollups take their 学时 from the ledger
 * (the numbers do not move: the copy equals what the progress trigger had added). Per-role targets:
 * 56 学时 for branch secretaries and committee staff beside the members' 32; two notification kinds
 * for the records' review. Written by hand; the
 * functions and triggers are a snapshot of src/db/sql/study_hours.sql.
 */
export const STUDY_HOURS_SQL = `
-- The 学时台账 (study_hours) and its one writer. Every source of 学时 goes through study_hours_write:
-- online study from the trigger on study_progress below, offline sources (trainings confirmed by a
-- college committee, later organisation life) from src/ledger/write.ts on the request's transaction.
-- An entry is keyed by member, source and evidence; writing NULL hours withdraws it.
CREATE OR REPLACE FUNCTION study_hours_write(p_member int, p_source text, p_org int, p_counts_on timestamptz, p_year int, p_hours numeric,
                                             p_held boolean, p_evidence_collection text, p_evidence_id numeric, p_title text)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- Offline writers touch many members' rollup rows of one organisation at once: they take the
  -- organisation's lock (class 7201, the one study_credit_beats takes first) so a heartbeat batch
  -- of the same branch never holds one of those rows while waiting for another they hold. Online
  -- entries are written inside study_credit_beats, which already holds it.
  IF p_source <> 'online' THEN PERFORM pg_advisory_xact_lock(7201, coalesce(p_org, 0)); END IF;
  IF p_hours IS NULL OR p_hours <= 0 THEN
    DELETE FROM study_hours WHERE member_id = p_member AND source = p_source::enum_study_hours_source
       AND evidence_collection = p_evidence_collection AND evidence_id = p_evidence_id;
    RETURN;
  END IF;
  IF p_year IS NULL OR p_counts_on IS NULL THEN
    RAISE EXCEPTION 'a 学时 entry needs the date and year it counts for' USING ERRCODE = '22023';
  END IF;
  INSERT INTO study_hours AS t (member_id, source, organization_id, counts_on, year, hours, held, evidence_collection, evidence_id, title, created_at, updated_at)
    VALUES (p_member, p_source::enum_study_hours_source, p_org, p_counts_on, p_year, p_hours, coalesce(p_held, false), p_evidence_collection, p_evidence_id, p_title, now(), now())
    ON CONFLICT (member_id, source, evidence_collection, evidence_id) DO UPDATE
       SET organization_id = EXCLUDED.organization_id, counts_on = EXCLUDED.counts_on, year = EXCLUDED.year, hours = EXCLUDED.hours,
           held = EXCLUDED.held, title = coalesce(EXCLUDED.title, t.title), updated_at = EXCLUDED.updated_at
     WHERE (t.organization_id, t.counts_on, t.year, t.hours, t.held) IS DISTINCT FROM
           (EXCLUDED.organization_id, EXCLUDED.counts_on, EXCLUDED.year, EXCLUDED.hours, EXCLUDED.held);
END $fn$;

-- Online study: a completed item's 学时 (study_progress.hours_credited, held while a study-integrity
-- flag covers it) are its ledger entry, dated by completion; evidence is the progress row.
CREATE OR REPLACE FUNCTION study_hours_from_progress() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.member_id IS NOT NULL
     AND (TG_OP = 'DELETE' OR OLD.member_id IS DISTINCT FROM NEW.member_id) THEN
    PERFORM study_hours_write(OLD.member_id, 'online', NULL, NULL, NULL, NULL, NULL, 'study-progress', OLD.id, NULL);
  END IF;
  IF TG_OP = 'DELETE' OR NEW.member_id IS NULL OR NEW.item_collection = 'courses' THEN RETURN NULL; END IF;
  PERFORM study_hours_write(NEW.member_id, 'online', NEW.organization_id, NEW.completed_at,
                            extract(year FROM NEW.completed_at AT TIME ZONE 'Asia/Shanghai')::int,
                            CASE WHEN NEW.completed_at IS NULL THEN NULL ELSE NEW.hours_credited END,
                            NEW.held, 'study-progress', NEW.id, NULL);
  RETURN NULL;
END $fn$;

-- The cockpit rollups' 学时 come from the ledger (by the year an entry counts for, and the day and
-- month of its date); held entries count 0. Completions and seconds still come from study_progress
-- and study_events.
CREATE OR REPLACE FUNCTION study_hours_apply(m int, org int, at timestamptz, yr int, hrs numeric) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO study_member_year AS t (member_id, year, hours) VALUES (m, yr, hrs)
    ON CONFLICT (member_id, year) DO UPDATE SET hours = t.hours + EXCLUDED.hours;
  INSERT INTO study_org_day AS t (organization_id, day, hours) VALUES (coalesce(org, 0), (at AT TIME ZONE 'Asia/Shanghai')::date, hrs)
    ON CONFLICT (organization_id, day) DO UPDATE SET hours = t.hours + EXCLUDED.hours;
  INSERT INTO study_org_month AS t (organization_id, month, hours) VALUES (coalesce(org, 0), date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date, hrs)
    ON CONFLICT (organization_id, month) DO UPDATE SET hours = t.hours + EXCLUDED.hours;
END $fn$;

CREATE OR REPLACE FUNCTION study_hours_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.held THEN PERFORM study_hours_apply(OLD.member_id, OLD.organization_id, OLD.counts_on, OLD.year::int, -OLD.hours); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NOT NEW.held THEN PERFORM study_hours_apply(NEW.member_id, NEW.organization_id, NEW.counts_on, NEW.year::int, NEW.hours); END IF;
  RETURN NULL;
END $fn$;

-- study_progress's own rollup trigger now counts completions only (0 学时: the ledger adds them).
CREATE OR REPLACE FUNCTION cockpit_progress_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM cockpit_progress_apply(OLD.member_id, OLD.organization_id, OLD.completed_at, 0, -1, OLD.item_collection::text, OLD.item_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM cockpit_progress_apply(NEW.member_id, NEW.organization_id, NEW.completed_at, 0, 1, NEW.item_collection::text, NEW.item_id); END IF;
  RETURN NULL;
END $fn$;
DROP TRIGGER IF EXISTS study_progress_rollup_upd ON study_progress;
CREATE TRIGGER study_progress_rollup_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id)
  EXECUTE FUNCTION cockpit_progress_rollup();

DROP TRIGGER IF EXISTS study_progress_hours ON study_progress;
CREATE TRIGGER study_progress_hours AFTER INSERT OR DELETE ON study_progress
  FOR EACH ROW EXECUTE FUNCTION study_hours_from_progress();
DROP TRIGGER IF EXISTS study_progress_hours_upd ON study_progress;
CREATE TRIGGER study_progress_hours_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.hours_credited IS DISTINCT FROM NEW.hours_credited
                     OR OLD.held IS DISTINCT FROM NEW.held OR OLD.member_id IS DISTINCT FROM NEW.member_id
                     OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION study_hours_from_progress();
DROP TRIGGER IF EXISTS study_hours_rollup ON study_hours;
CREATE TRIGGER study_hours_rollup AFTER INSERT OR UPDATE OR DELETE ON study_hours
  FOR EACH ROW EXECUTE FUNCTION study_hours_rollup();
`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`
ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'trainingSubmitted';
ALTER TYPE "public"."enum_notifications_kind" ADD VALUE IF NOT EXISTS 'trainingDecided';
CREATE TYPE "public"."enum_study_hours_source" AS ENUM('online', 'organizationLife', 'training', 'certificate');
CREATE TYPE "public"."enum_trainings_kind" AS ENUM('concentrated', 'partySchool', 'external');
CREATE TYPE "public"."enum_trainings_status" AS ENUM('draft', 'submitted', 'confirmed', 'returned');
CREATE TABLE "study_hours" (
  "id" serial PRIMARY KEY NOT NULL,
  "member_id" integer NOT NULL,
  "source" "enum_study_hours_source" NOT NULL,
  "organization_id" integer,
  "counts_on" timestamp(3) with time zone NOT NULL,
  "year" numeric NOT NULL,
  "hours" numeric NOT NULL,
  "held" boolean DEFAULT false NOT NULL,
  "evidence_collection" varchar NOT NULL,
  "evidence_id" numeric NOT NULL,
  "title" varchar,
  "updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  "created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
CREATE TABLE "trainings" (
  "id" serial PRIMARY KEY NOT NULL,
  "title" varchar NOT NULL,
  "kind" "enum_trainings_kind" DEFAULT 'concentrated' NOT NULL,
  "organiser" varchar NOT NULL,
  "date" timestamp(3) with time zone NOT NULL,
  "hours" numeric NOT NULL,
  "year" numeric,
  "organization_id" integer,
  "recorded_by_id" integer,
  "evidence" varchar,
  "status" "enum_trainings_status" DEFAULT 'draft' NOT NULL,
  "return_reason" varchar,
  "reviewed_by_id" integer,
  "reviewed_at" timestamp(3) with time zone,
  "updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  "created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
CREATE TABLE "trainings_rels" (
  "id" serial PRIMARY KEY NOT NULL,
  "order" integer,
  "parent_id" integer NOT NULL,
  "path" varchar NOT NULL,
  "users_id" integer
);
ALTER TABLE "platform_settings" ADD COLUMN "annual_study_hours_target_cadre" numeric DEFAULT 56 NOT NULL;
ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "study_hours_id" integer;
ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "trainings_id" integer;
ALTER TABLE "study_hours" ADD CONSTRAINT "study_hours_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "study_hours" ADD CONSTRAINT "study_hours_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
ALTER TABLE "trainings_rels" ADD CONSTRAINT "trainings_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "trainings_rels" ADD CONSTRAINT "trainings_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_study_hours_fk" FOREIGN KEY ("study_hours_id") REFERENCES "public"."study_hours"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_trainings_fk" FOREIGN KEY ("trainings_id") REFERENCES "public"."trainings"("id") ON DELETE cascade ON UPDATE no action;
CREATE UNIQUE INDEX "study_hours_member_source_evidence_collection_evidence_id_idx" ON "study_hours" USING btree ("member_id", "source", "evidence_collection", "evidence_id");
CREATE INDEX "study_hours_member_idx" ON "study_hours" USING btree ("member_id");
CREATE INDEX "study_hours_member_year_idx" ON "study_hours" USING btree ("member_id", "year");
CREATE INDEX "study_hours_organization_idx" ON "study_hours" USING btree ("organization_id");
CREATE INDEX "study_hours_source_idx" ON "study_hours" USING btree ("source");
CREATE INDEX "study_hours_updated_at_idx" ON "study_hours" USING btree ("updated_at");
CREATE INDEX "study_hours_created_at_idx" ON "study_hours" USING btree ("created_at");
CREATE INDEX "trainings_organization_idx" ON "trainings" USING btree ("organization_id");
CREATE INDEX "trainings_status_idx" ON "trainings" USING btree ("status");
CREATE INDEX "trainings_recorded_by_idx" ON "trainings" USING btree ("recorded_by_id");
CREATE INDEX "trainings_reviewed_by_idx" ON "trainings" USING btree ("reviewed_by_id");
CREATE INDEX "trainings_updated_at_idx" ON "trainings" USING btree ("updated_at");
CREATE INDEX "trainings_created_at_idx" ON "trainings" USING btree ("created_at");
CREATE INDEX "trainings_rels_order_idx" ON "trainings_rels" USING btree ("order");
CREATE INDEX "trainings_rels_parent_idx" ON "trainings_rels" USING btree ("parent_id");
CREATE INDEX "trainings_rels_path_idx" ON "trainings_rels" USING btree ("path");
CREATE INDEX "trainings_rels_users_id_idx" ON "trainings_rels" USING btree ("users_id");
CREATE INDEX "payload_locked_documents_rels_study_hours_id_idx" ON "payload_locked_documents_rels" USING btree ("study_hours_id");
CREATE INDEX "payload_locked_documents_rels_trainings_id_idx" ON "payload_locked_documents_rels" USING btree ("trainings_id");

-- What online study has credited so far, as the trigger would have written it (before the trigger
-- exists, so the rollups, which already hold these 学时, are not given them twice).
INSERT INTO study_hours (member_id, source, organization_id, counts_on, year, hours, held, evidence_collection, evidence_id, created_at, updated_at)
  SELECT member_id, 'online', organization_id, completed_at, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, hours_credited, held,
         'study-progress', id, completed_at, completed_at
    FROM study_progress
   WHERE completed_at IS NOT NULL AND member_id IS NOT NULL AND item_collection <> 'courses' AND hours_credited > 0;
`),
  )
  await db.execute(sql.raw(STUDY_HOURS_SQL))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql.raw(`
-- The progress trigger counts 学时 again, as migration 20261203_144100_progress_held left it; the
-- rollups' offline 学时 go with the ledger.
DROP TRIGGER IF EXISTS study_hours_rollup ON study_hours;
DROP TRIGGER IF EXISTS study_progress_hours ON study_progress;
DROP TRIGGER IF EXISTS study_progress_hours_upd ON study_progress;
UPDATE study_member_year y SET hours = y.hours - s.hours FROM (SELECT member_id, year::int AS year, sum(hours) AS hours FROM study_hours WHERE source <> 'online' AND NOT held GROUP BY 1, 2) s
 WHERE y.member_id = s.member_id AND y.year = s.year;
UPDATE study_org_day y SET hours = y.hours - s.hours FROM (SELECT coalesce(organization_id, 0) AS org, (counts_on AT TIME ZONE 'Asia/Shanghai')::date AS day, sum(hours) AS hours FROM study_hours WHERE source <> 'online' AND NOT held GROUP BY 1, 2) s
 WHERE y.organization_id = s.org AND y.day = s.day;
UPDATE study_org_month y SET hours = y.hours - s.hours FROM (SELECT coalesce(organization_id, 0) AS org, date_trunc('month', counts_on AT TIME ZONE 'Asia/Shanghai')::date AS month, sum(hours) AS hours FROM study_hours WHERE source <> 'online' AND NOT held GROUP BY 1, 2) s
 WHERE y.organization_id = s.org AND y.month = s.month;
CREATE OR REPLACE FUNCTION cockpit_progress_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM cockpit_progress_apply(OLD.member_id, OLD.organization_id, OLD.completed_at, CASE WHEN OLD.held THEN 0 ELSE OLD.hours_credited END, -1, OLD.item_collection::text, OLD.item_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM cockpit_progress_apply(NEW.member_id, NEW.organization_id, NEW.completed_at, CASE WHEN NEW.held THEN 0 ELSE NEW.hours_credited END, 1, NEW.item_collection::text, NEW.item_id); END IF;
  RETURN NULL;
END $fn$;
DROP TRIGGER IF EXISTS study_progress_rollup_upd ON study_progress;
CREATE TRIGGER study_progress_rollup_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.hours_credited IS DISTINCT FROM NEW.hours_credited
                     OR OLD.held IS DISTINCT FROM NEW.held
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id)
  EXECUTE FUNCTION cockpit_progress_rollup();
DROP FUNCTION IF EXISTS study_hours_rollup();
DROP FUNCTION IF EXISTS study_hours_apply(int, int, timestamptz, int, numeric);
DROP FUNCTION IF EXISTS study_hours_from_progress();
DROP FUNCTION IF EXISTS study_hours_write(int, text, int, timestamptz, int, numeric, boolean, text, numeric, text);
ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_study_hours_fk";
ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_trainings_fk";
DROP INDEX IF EXISTS "payload_locked_documents_rels_study_hours_id_idx";
DROP INDEX IF EXISTS "payload_locked_documents_rels_trainings_id_idx";
ALTER TABLE "payload_locked_documents_rels" DROP COLUMN IF EXISTS "study_hours_id";
ALTER TABLE "payload_locked_documents_rels" DROP COLUMN IF EXISTS "trainings_id";
ALTER TABLE "platform_settings" DROP COLUMN IF EXISTS "annual_study_hours_target_cadre";
DROP TABLE "trainings_rels" CASCADE;
DROP TABLE "trainings" CASCADE;
DROP TABLE "study_hours" CASCADE;
DROP TYPE "public"."enum_trainings_status";
DROP TYPE "public"."enum_trainings_kind";
DROP TYPE "public"."enum_study_hours_source";
`),
  )
}
