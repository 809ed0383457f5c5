import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The hold-out (issue 13 §2): while a study-integrity flag is pending, and for good once confirmed,
 * the 学时 of the member's items it names (integrity_flags.items, 'micro-lessons:12') completed in its
 * period are held out of every total; a cleared flag releases them. One source of truth in the
 * database, whoever writes: `study_progress.held` (migration 20261203_144100_progress_held) is
 *   - recomputed for the member by a trigger on integrity_flags (the analysis writing or refreshing a
 *     flag, the secretary's review through REST or the admin), in that write's transaction;
 *   - computed for a progress row when it completes, moves or is re-inserted (a re-derivation of the
 *     study log deletes and re-inserts rows), by a trigger on study_progress.
 * The cockpit rollups follow `held` through their own trigger. Written by hand.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`
-- Whether a member's completed item is covered by a flag that no secretary has cleared (1 s of slack
-- around the flag's stretch: its ends are beat times, stored to the millisecond).
CREATE OR REPLACE FUNCTION study_progress_is_held(m integer, coll text, item numeric, done timestamptz) RETURNS boolean
  LANGUAGE sql STABLE AS $fn$
  SELECT done IS NOT NULL AND m IS NOT NULL AND EXISTS (
    SELECT 1 FROM integrity_flags f
     WHERE f.member_id = m AND f.status <> 'cleared'
       AND done >= f.period_start - interval '1 second' AND done <= f.period_end + interval '1 second'
       AND jsonb_typeof(f.items) = 'array' AND f.items ? (coll || ':' || trunc(item)::bigint::text))
$fn$;

-- Re-judges every completed row of one member (a flag of theirs was written, reviewed or removed).
CREATE OR REPLACE FUNCTION study_progress_refresh_held(m integer) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE n integer;
BEGIN
  UPDATE study_progress sp SET held = x.h
    FROM (SELECT id, study_progress_is_held(member_id, item_collection::text, item_id, completed_at) AS h
            FROM study_progress WHERE member_id = m AND (completed_at IS NOT NULL OR held)) x
   WHERE sp.id = x.id AND sp.held IS DISTINCT FROM x.h;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $fn$;

CREATE OR REPLACE FUNCTION integrity_flags_hold() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.member_id IS NOT NULL THEN PERFORM study_progress_refresh_held(OLD.member_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.member_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.member_id IS DISTINCT FROM OLD.member_id) THEN
    PERFORM study_progress_refresh_held(NEW.member_id);
  END IF;
  RETURN NULL;
END $fn$;
DROP TRIGGER IF EXISTS integrity_flags_hold_ins ON integrity_flags;
DROP TRIGGER IF EXISTS integrity_flags_hold_upd ON integrity_flags;
DROP TRIGGER IF EXISTS integrity_flags_hold_del ON integrity_flags;
CREATE TRIGGER integrity_flags_hold_ins AFTER INSERT ON integrity_flags FOR EACH ROW EXECUTE FUNCTION integrity_flags_hold();
CREATE TRIGGER integrity_flags_hold_upd AFTER UPDATE ON integrity_flags
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.items IS DISTINCT FROM NEW.items OR OLD.member_id IS DISTINCT FROM NEW.member_id
                     OR OLD.period_start IS DISTINCT FROM NEW.period_start OR OLD.period_end IS DISTINCT FROM NEW.period_end)
  EXECUTE FUNCTION integrity_flags_hold();
CREATE TRIGGER integrity_flags_hold_del AFTER DELETE ON integrity_flags FOR EACH ROW EXECUTE FUNCTION integrity_flags_hold();

-- A row completing (or re-inserted complete, or moved) gets its held mark from the flags as they are.
CREATE OR REPLACE FUNCTION study_progress_held_mark() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.held := study_progress_is_held(NEW.member_id, NEW.item_collection::text, NEW.item_id, NEW.completed_at);
  RETURN NEW;
END $fn$;
DROP TRIGGER IF EXISTS study_progress_held_ins ON study_progress;
DROP TRIGGER IF EXISTS study_progress_held_upd ON study_progress;
CREATE TRIGGER study_progress_held_ins BEFORE INSERT ON study_progress
  FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL OR NEW.held) EXECUTE FUNCTION study_progress_held_mark();
CREATE TRIGGER study_progress_held_upd BEFORE UPDATE ON study_progress
  FOR EACH ROW WHEN (OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.member_id IS DISTINCT FROM NEW.member_id
                     OR OLD.item_id IS DISTINCT FROM NEW.item_id OR OLD.item_collection IS DISTINCT FROM NEW.item_collection)
  EXECUTE FUNCTION study_progress_held_mark();

-- Flags written before this migration hold their rows now (the rollup trigger takes their 学时 out).
SELECT study_progress_refresh_held(m) FROM (SELECT DISTINCT member_id AS m FROM integrity_flags WHERE member_id IS NOT NULL) f;
`),
  )
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql.raw(`
DROP TRIGGER IF EXISTS study_progress_held_ins ON study_progress;
DROP TRIGGER IF EXISTS study_progress_held_upd ON study_progress;
DROP TRIGGER IF EXISTS integrity_flags_hold_ins ON integrity_flags;
DROP TRIGGER IF EXISTS integrity_flags_hold_upd ON integrity_flags;
DROP TRIGGER IF EXISTS integrity_flags_hold_del ON integrity_flags;
DROP FUNCTION IF EXISTS study_progress_held_mark(), integrity_flags_hold(), study_progress_refresh_held(integer), study_progress_is_held(integer, text, numeric, timestamptz);
UPDATE study_progress SET held = false WHERE held;
`),
  )
}
