import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { up as previousCreditBeats } from './20261121_083600_heartbeat_function'

/**
 * study_credit_beats credits only items that are published at the moment of the beat (issue 13: a
 * withdrawn item kept crediting for up to 60 s because each app-server worker caches item metadata).
 * The status is read in the same SQL that credits, the one source of truth for every worker: a beat
 * for an item that is not published (withdrawn, back to draft, deleted) is answered 'unpublished',
 * records no event and credits nothing. The function is otherwise unchanged from
 * 20261121_083600_heartbeat_function; only the study_item_published block is new. Written by hand.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(
    sql.raw(`
CREATE OR REPLACE FUNCTION study_item_published(coll text, item numeric) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT CASE coll
    WHEN 'micro-lessons' THEN EXISTS (SELECT 1 FROM micro_lessons t WHERE t.id = item AND t._status = 'published')
    WHEN 'red-resources' THEN EXISTS (SELECT 1 FROM red_resources t WHERE t.id = item AND t._status = 'published')
    WHEN 'news' THEN EXISTS (SELECT 1 FROM news t WHERE t.id = item AND t._status = 'published')
    ELSE false
  END
$fn$;`),
  )
  await db.execute(
    sql.raw(`
CREATE OR REPLACE FUNCTION study_credit_beats(beats jsonb, max_gap numeric, cap_factor numeric, media_share numeric)
RETURNS TABLE (idx int, status text, credited numeric, seconds numeric, pos numeric, pct numeric, completed boolean, completed_now boolean, hours numeric)
LANGUAGE plpgsql AS $fn$
DECLARE
  b jsonb;
  m int; coll text; item numeric; ev text; at timestamptz; cpos numeric; scrolled boolean;
  kind text; dur numeric; read_s numeric; credit_h numeric; quiz_req boolean; org int;
  s_coll text; s_item numeric; s_last timestamptz;
  p_seconds numeric; p_pos numeric; p_done timestamptz; p_hours numeric; p_quiz timestamptz; found_p boolean;
  n int; cr numeric; new_seconds numeric; new_pos numeric; met boolean; done_now boolean; needed numeric; watched numeric; h numeric; pc numeric;
BEGIN
  FOR b IN SELECT value FROM jsonb_array_elements(beats) LOOP
    idx := (b->>'idx')::int;
    m := (b->>'memberId')::int; coll := b->>'collection'; item := (b->>'itemId')::numeric; ev := b->>'event';
    at := (b->>'at')::timestamptz; cpos := (b->>'position')::numeric; scrolled := coalesce((b->>'scrolledToEnd')::boolean, false);
    kind := b->>'kind'; dur := (b->>'durationSeconds')::numeric; read_s := (b->>'readSeconds')::numeric;
    credit_h := (b->>'creditHours')::numeric; quiz_req := coalesce((b->>'quizRequired')::boolean, false);

    SELECT u.organization_id INTO org FROM users u
     WHERE u.id = m AND u.active IS NOT FALSE
       AND (b->>'sid' IS NULL OR EXISTS (SELECT 1 FROM users_sessions s WHERE s._parent_id = u.id AND s.id = b->>'sid' AND s.expires_at > now()));
    IF NOT FOUND THEN
      status := 'unauthorized'; credited := 0; seconds := 0; pos := 0; pct := 0; completed := false; completed_now := false; hours := 0;
      RETURN NEXT; CONTINUE;
    END IF;

    -- Only a published item earns: read here, in the statement that credits, so a withdrawal made
    -- through any app-server worker stops the very next beat (no per-process cache decides).
    IF NOT study_item_published(coll, item) THEN
      status := 'unpublished'; credited := 0; seconds := 0; pos := 0; pct := 0; completed := false; completed_now := false; hours := 0;
      RETURN NEXT; CONTINUE;
    END IF;

    INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, created_at, updated_at)
      VALUES (m, coll, item, at, at, at) ON CONFLICT (member_id) DO NOTHING;
    SELECT ss.item_collection, ss.item_id, ss.last_beat_at INTO s_coll, s_item, s_last FROM study_sessions ss WHERE ss.member_id = m FOR UPDATE;

    SELECT sp.seconds_credited, sp.position, sp.completed_at, sp.hours_credited, sp.quiz_passed_at INTO p_seconds, p_pos, p_done, p_hours, p_quiz
      FROM study_progress sp WHERE sp.member_id = m AND sp.item_collection = coll::enum_study_progress_item_collection AND sp.item_id = item;
    found_p := FOUND;
    IF NOT found_p THEN p_seconds := 0; p_pos := 0; p_done := NULL; p_hours := 0; p_quiz := NULL; END IF;

    cr := 0;
    IF ev <> 'start' AND s_coll = coll AND s_item = item THEN
      cr := GREATEST(0, LEAST(extract(epoch FROM at - s_last), max_gap, cap_factor * dur - p_seconds));
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

    UPDATE study_sessions SET item_collection = coll, item_id = item, last_beat_at = GREATEST(s_last, at), updated_at = at WHERE member_id = m;

    new_seconds := p_seconds + cr;
    IF kind = 'article' THEN new_pos := GREATEST(p_pos, LEAST(1, cpos)); ELSE new_pos := GREATEST(0, cpos); END IF;
    IF kind = 'article' THEN
      met := (scrolled OR new_pos >= 0.99) AND new_seconds >= read_s;
      needed := read_s; watched := new_seconds;
    ELSE
      met := new_pos >= media_share * dur AND new_seconds >= media_share * dur;
      needed := media_share * dur; watched := LEAST(new_seconds, new_pos);
    END IF;
    done_now := p_done IS NULL AND met AND (NOT quiz_req OR p_quiz IS NOT NULL);
    h := CASE WHEN done_now THEN credit_h ELSE p_hours END;
    pc := CASE WHEN p_done IS NOT NULL OR done_now THEN 100 ELSE LEAST(99, floor(100 * watched / GREATEST(needed, 1))) END;

    INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
      VALUES (m, org, coll::enum_study_progress_item_collection, item, new_seconds, new_pos, pc, CASE WHEN done_now THEN at END, h, at, at)
      ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET seconds_credited = EXCLUDED.seconds_credited, position = EXCLUDED.position,
        percent = EXCLUDED.percent, completed_at = COALESCE(study_progress.completed_at, EXCLUDED.completed_at),
        hours_credited = EXCLUDED.hours_credited, updated_at = EXCLUDED.updated_at;

    status := 'ok'; credited := cr; seconds := new_seconds; pos := new_pos; pct := pc;
    completed := p_done IS NOT NULL OR done_now; completed_now := done_now; hours := h;
    RETURN NEXT;
  END LOOP;
END
$fn$;`),
  )
}

export async function down(args: MigrateDownArgs): Promise<void> {
  await previousCreditBeats(args as unknown as MigrateUpArgs)
  await args.db.execute(sql.raw('DROP FUNCTION IF EXISTS study_item_published(text, numeric);'))
}
