import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { CREDIT_BEATS_FUNCTION as LONG_GAP_FUNCTION } from './20261203_173000_credit_long_gap'

/**
 * study_credit_beats takes a lock per organisation of a batch's members, in ascending order, before
 * crediting them (in that order too), so concurrent batches no longer deadlock on the per-organisation
 * rollup rows and members' rows (they did under bench:ingest with members spread over branches). The SQL is a snapshot of
 * src/db/sql/study_credit_beats.sql as of this migration.
 */
export const CREDIT_BEATS_FUNCTION = `-- Credits a batch of heartbeats (src/study/heartbeat.ts BeatBatcher): the rules are in the comments below.
CREATE OR REPLACE FUNCTION study_credit_beats(beats jsonb, max_gap numeric, cap_factor numeric, share numeric, minutes_per_hour numeric, tolerance numeric)
RETURNS TABLE (idx int, status text, credited numeric, seconds numeric, pos numeric, pct numeric, completed boolean, completed_now boolean, hours numeric)
LANGUAGE plpgsql AS $fn$
DECLARE
  b jsonb;
  m int; coll text; item numeric; ev text; at timestamptz; cpos numeric; scrolled boolean; replaying boolean;
  kind text; dur numeric; credit_h numeric; quiz_req boolean; org int;
  s_coll text; s_item numeric; s_last timestamptz; s_open_pos numeric; s_open_cr numeric; fresh boolean;
  p_seconds numeric; p_pos numeric; p_far numeric; p_done timestamptz; p_hours numeric; p_quiz timestamptz; found_p boolean;
  n int; cr numeric; new_seconds numeric; new_pos numeric; new_far numeric; open_pos numeric; open_cr numeric;
  met boolean; done_now boolean; is_done boolean; needed numeric; watched numeric; h numeric; pc numeric;
BEGIN
  -- Each batch first takes a lock per organisation of its members, in ascending order, and holds
  -- them to its end. A batch updates rollup rows per organisation and day (study_org_day, migration
  -- 20261121_110000_cockpit_rollups) and the rows of its members; without these locks two batches
  -- with members of one branch, or one member in both (two tabs), took them crosswise and deadlocked
  -- (bench:ingest, 50,000 members over the branches: thousands of deadlocks a run, each a second's
  -- wait and a batch refused). Batches of disjoint organisations still run side by side.
  PERFORM pg_advisory_xact_lock(7201, o.id)
     FROM (SELECT DISTINCT coalesce(u.organization_id, 0) AS id FROM jsonb_array_elements(beats) e
             LEFT JOIN users u ON u.id = (e.value->>'memberId')::int ORDER BY 1) o;
  FOR b IN SELECT e.value FROM jsonb_array_elements(beats) e LEFT JOIN users u ON u.id = (e.value->>'memberId')::int
            ORDER BY u.organization_id NULLS FIRST, (e.value->>'memberId')::int, (e.value->>'idx')::int LOOP
    idx := (b->>'idx')::int;
    m := (b->>'memberId')::int; coll := b->>'collection'; item := (b->>'itemId')::numeric; ev := b->>'event';
    at := (b->>'at')::timestamptz; cpos := (b->>'position')::numeric; scrolled := coalesce((b->>'scrolledToEnd')::boolean, false);
    kind := b->>'kind'; dur := coalesce((b->>'durationSeconds')::numeric, 0);
    credit_h := coalesce((b->>'creditHours')::numeric, 0); quiz_req := coalesce((b->>'quizRequired')::boolean, false);
    -- Only the migration below replays the stored log (it sets this; the heartbeat path never does).
    replaying := coalesce((b->>'replay')::boolean, false);

    SELECT u.organization_id INTO org FROM users u
     WHERE u.id = m AND (replaying OR u.active IS NOT FALSE)
       AND (b->>'sid' IS NULL OR EXISTS (SELECT 1 FROM users_sessions s WHERE s._parent_id = u.id AND s.id = b->>'sid' AND s.expires_at > now()));
    IF NOT FOUND THEN
      status := 'unauthorized'; credited := 0; seconds := 0; pos := 0; pct := 0; completed := false; completed_now := false; hours := 0;
      RETURN NEXT; CONTINUE;
    END IF;
    IF replaying THEN org := (b->>'organizationId')::int; END IF;

    -- Only a published item earns: read here, in the statement that credits, so a withdrawal made
    -- through any app-server worker stops the very next beat (no per-process cache decides).
    IF NOT replaying AND NOT study_item_published(coll, item) THEN
      status := 'unpublished'; credited := 0; seconds := 0; pos := 0; pct := 0; completed := false; completed_now := false; hours := 0;
      RETURN NEXT; CONTINUE;
    END IF;

    INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, open_position, open_credited, created_at, updated_at)
      VALUES (m, coll, item, at, 0, 0, at, at) ON CONFLICT (member_id) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    SELECT ss.item_collection, ss.item_id, ss.last_beat_at, ss.open_position, ss.open_credited INTO s_coll, s_item, s_last, s_open_pos, s_open_cr
      FROM study_sessions ss WHERE ss.member_id = m FOR UPDATE;
    -- The item is (re)opened: a start, another item before this one, or the member's first beat ever.
    fresh := n = 1 OR ev = 'start' OR s_coll IS DISTINCT FROM coll OR s_item IS DISTINCT FROM item;

    SELECT sp.seconds_credited, sp.position, sp.furthest_position, sp.completed_at, sp.hours_credited, sp.quiz_passed_at INTO p_seconds, p_pos, p_far, p_done, p_hours, p_quiz
      FROM study_progress sp WHERE sp.member_id = m AND sp.item_collection = coll::enum_study_progress_item_collection AND sp.item_id = item;
    found_p := FOUND;
    IF NOT found_p THEN p_seconds := 0; p_pos := 0; p_far := 0; p_done := NULL; p_hours := 0; p_quiz := NULL; END IF;

    -- Never more than the wall-clock time since the previous beat, nor a long gap, nor 1.5x the real length.
    cr := 0;
    IF NOT fresh THEN
      cr := CASE WHEN extract(epoch FROM at - s_last) > max_gap THEN 0
        ELSE GREATEST(0, LEAST(extract(epoch FROM at - s_last), cap_factor * dur - p_seconds)) END;
      cr := floor(cr * 1000) / 1000;
    END IF;

    INSERT INTO study_events (member_id, organization_id, item_collection, item_id, kind, client_position, credited_seconds, beat_id, created_at, updated_at)
      VALUES (m, org, coll::enum_study_events_item_collection, item, ev::enum_study_events_kind, cpos, cr, b->>'beatId', at, at)
      ON CONFLICT (member_id, beat_id) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
      -- A replay: report what is stored, change nothing.
      status := 'replay'; credited := 0; seconds := p_seconds; pos := p_pos; completed := p_done IS NOT NULL; completed_now := false; hours := p_hours;
      pct := CASE WHEN p_done IS NOT NULL THEN 100 ELSE 0 END;
      RETURN NEXT; CONTINUE;
    END IF;

    new_seconds := p_seconds + cr;
    needed := share * dur;
    IF kind = 'article' THEN
      -- The read fraction of a text (0-1) never goes back.
      new_pos := GREATEST(p_pos, LEAST(1, GREATEST(0, cpos))); new_far := new_pos; open_pos := 0; open_cr := 0;
      met := (scrolled OR new_pos >= 0.99) AND new_seconds >= needed;
      watched := new_seconds;
    ELSE
      -- Media: opened at most where the member had been credited to; from there the position may run
      -- ahead of the study time credited since by the tolerance only, and never past the file's end.
      IF fresh THEN open_pos := LEAST(GREATEST(0, cpos), GREATEST(p_far, p_pos)); open_cr := 0;
      ELSE open_pos := s_open_pos; open_cr := s_open_cr + cr; END IF;
      new_pos := GREATEST(0, LEAST(cpos, open_pos + open_cr + tolerance, dur));
      new_far := GREATEST(p_far, new_pos);
      met := new_far >= needed AND new_seconds >= needed;
      watched := LEAST(new_seconds, new_far);
    END IF;

    UPDATE study_sessions SET item_collection = coll, item_id = item, last_beat_at = GREATEST(s_last, at), open_position = open_pos, open_credited = open_cr, updated_at = at
     WHERE member_id = m;

    done_now := p_done IS NULL AND dur > 0 AND met AND (NOT quiz_req OR p_quiz IS NOT NULL);
    is_done := p_done IS NOT NULL OR done_now;
    -- A completed item's 学时, as far as the time credited on it allows (never more than studied).
    h := CASE WHEN is_done THEN LEAST(credit_h, floor(new_seconds / 60.0 / minutes_per_hour * 10000) / 10000) ELSE 0 END;
    pc := CASE WHEN is_done THEN 100 ELSE LEAST(99, floor(100 * watched / GREATEST(needed, 1))) END;

    INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, furthest_position, percent, completed_at, hours_credited, created_at, updated_at)
      VALUES (m, org, coll::enum_study_progress_item_collection, item, new_seconds, new_pos, new_far, pc, CASE WHEN done_now THEN at END, h, at, at)
      ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET seconds_credited = EXCLUDED.seconds_credited, position = EXCLUDED.position,
        furthest_position = EXCLUDED.furthest_position, percent = EXCLUDED.percent, completed_at = COALESCE(study_progress.completed_at, EXCLUDED.completed_at),
        hours_credited = EXCLUDED.hours_credited, updated_at = EXCLUDED.updated_at;

    status := 'ok'; credited := cr; seconds := new_seconds; pos := new_pos; pct := pc;
    completed := is_done; completed_now := done_now; hours := h;
    RETURN NEXT;
  END LOOP;
END
$fn$;
`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(CREDIT_BEATS_FUNCTION))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(LONG_GAP_FUNCTION))
}
