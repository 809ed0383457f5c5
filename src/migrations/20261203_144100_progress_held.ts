import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Held study (issue 13 §2): `study_progress.held` marks a completed item whose 学时 are held out of
 * every total while a study-integrity flag covering it is pending (or for good once confirmed). The
 * flag side (which rows are held) is migration 20261203_150600_integrity_hold; this one adds the
 * column and makes the cockpit rollups count a held row's 学时 as 0 (its completion and study
 * seconds still count: the study happened, its 学时 are what is in question), so the rollups, the
 * nightly rebuild (src/cockpit/rollups.ts) and the raw tables keep agreeing. Dated before the study
 * re-derivation so that everything rebuilding the rollups from here on finds the column. Written by
 * hand: the column is not a Payload field (nothing writes it through Payload).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`
ALTER TABLE study_progress ADD COLUMN IF NOT EXISTS held boolean NOT NULL DEFAULT false;

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
`),
  )
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql.raw(`
-- Release every held row first: the rollup trigger adds its 学时 back.
UPDATE study_progress SET held = false WHERE held;
CREATE OR REPLACE FUNCTION cockpit_progress_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM cockpit_progress_apply(OLD.member_id, OLD.organization_id, OLD.completed_at, OLD.hours_credited, -1, OLD.item_collection::text, OLD.item_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM cockpit_progress_apply(NEW.member_id, NEW.organization_id, NEW.completed_at, NEW.hours_credited, 1, NEW.item_collection::text, NEW.item_id); END IF;
  RETURN NULL;
END $fn$;
DROP TRIGGER IF EXISTS study_progress_rollup_upd ON study_progress;
CREATE TRIGGER study_progress_rollup_upd AFTER UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.hours_credited IS DISTINCT FROM NEW.hours_credited
                     OR OLD.member_id IS DISTINCT FROM NEW.member_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id)
  EXECUTE FUNCTION cockpit_progress_rollup();
ALTER TABLE study_progress DROP COLUMN IF EXISTS held;
`),
  )
}
