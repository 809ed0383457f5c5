import path from 'path'

import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { up as previousCreditBeats } from './20261203_144000_credit_published_only'
import {
  lessonText,
  mediaDurationSeconds,
  readableLength,
  rederiveLessonsSql,
  replayStudyLog,
  studyRulesOf,
} from './snapshots/20261203_study_real_length'

/**
 * 学时 equal real study (issue 13, section 1). Schema (generated): a media file's real duration, a
 * lesson's real length and character count, the furthest position a member was credited to, where
 * the current item was opened and the time credited since, and three study rules in 平台设置 (minutes
 * per 学时, study-reading speed, completion share). Written by hand after it:
 *  1. existing audio/video files are measured (music-metadata) and every lesson's length and 学时
 *     derived from its file or text, replacing the typed values;
 *  2. study_credit_beats takes the new rules: completion needs credited time of the completion share
 *     of the item's real length (the server's length, never the client's), a media position may not
 *     run ahead of the time credited since the item was opened (plus a small tolerance), and a
 *     completed item credits its 学时 only as far as the credited time allows (seconds ÷ minutes per
 *     学时); the published-only check of 20261203_144000 is kept;
 *  3. the event log is replayed through the new function, member by member in time order, so every
 *     existing progress row (seconds, position, completion, hours) is what the new rule gives; the
 *     events keep their ids' content (beat ids, times, positions, organisation) with re-derived
 *     credit; lesson-quiz passes are kept; course completions and the cockpit rollups are rebuilt.
 * The code it runs for 1 and 3 is the frozen copy of src/study/{length,derive,replay}.ts (and what
 * they used) of this migration's time: ./snapshots/20261203_study_real_length.ts, not the live modules.
 */
export const CREDIT_BEATS_FUNCTION = `
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
  FOR b IN SELECT value FROM jsonb_array_elements(beats) LOOP
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
$fn$;`

export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "micro_lessons" ADD COLUMN IF NOT EXISTS "duration_seconds" numeric;
  ALTER TABLE "micro_lessons" ADD COLUMN IF NOT EXISTS "text_length" numeric;
  ALTER TABLE "_micro_lessons_v" ADD COLUMN IF NOT EXISTS "version_duration_seconds" numeric;
  ALTER TABLE "_micro_lessons_v" ADD COLUMN IF NOT EXISTS "version_text_length" numeric;
  ALTER TABLE "media" ADD COLUMN IF NOT EXISTS "duration_seconds" numeric;
  ALTER TABLE "study_progress" ADD COLUMN IF NOT EXISTS "furthest_position" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "study_sessions" ADD COLUMN IF NOT EXISTS "open_position" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "study_sessions" ADD COLUMN IF NOT EXISTS "open_credited" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "platform_settings" ADD COLUMN IF NOT EXISTS "minutes_per_credit_hour" numeric DEFAULT 45 NOT NULL;
  ALTER TABLE "platform_settings" ADD COLUMN IF NOT EXISTS "reading_chars_per_minute" numeric DEFAULT 300 NOT NULL;
  ALTER TABLE "platform_settings" ADD COLUMN IF NOT EXISTS "completion_share" numeric DEFAULT 0.9 NOT NULL;`)

  type Row = Record<string, unknown>
  const rows = async (q: string) => ((await db.execute(sql.raw(q))) as unknown as { rows: Row[] }).rows

  // 1. Real lengths: files measured, lessons derived from them or from their text.
  const staticDir = payload.collections.media?.config.upload?.staticDir || process.env.MEDIA_DIR || path.resolve('media')
  for (const f of await rows(`SELECT id, filename, mime_type FROM media WHERE mime_type LIKE 'audio/%' OR mime_type LIKE 'video/%'`)) {
    const seconds = await mediaDurationSeconds(path.join(staticDir, String(f.filename)))
    if (seconds) await db.execute(sql`UPDATE media SET duration_seconds = ${seconds} WHERE id = ${Number(f.id)}`)
    else payload.logger.warn(`媒体文件 ${String(f.filename)} 无法读取时长（文件不存在或已损坏），使用它的微党课学时为 0`)
  }
  for (const l of await rows('SELECT id, title, summary, body FROM micro_lessons')) {
    await db.execute(sql`UPDATE micro_lessons SET text_length = ${readableLength(lessonText(l))} WHERE id = ${Number(l.id)}`)
  }
  for (const v of await rows('SELECT id, version_title AS title, version_summary AS summary, version_body AS body FROM _micro_lessons_v')) {
    await db.execute(sql`UPDATE _micro_lessons_v SET version_text_length = ${readableLength(lessonText(v))} WHERE id = ${Number(v.id)}`)
  }
  const settings = (
    await rows(
      'SELECT minutes_per_credit_hour AS "minutesPerCreditHour", reading_chars_per_minute AS "readingCharsPerMinute", completion_share AS "completionShare" FROM platform_settings LIMIT 1',
    )
  )[0]
  const rules = studyRulesOf(settings ? Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, Number(v)])) : null)
  await db.execute(sql.raw(rederiveLessonsSql(rules)))

  // 2. The crediting function under the new rules (the old signature goes).
  await db.execute(sql.raw('DROP FUNCTION IF EXISTS study_credit_beats(jsonb, numeric, numeric, numeric);'))
  await db.execute(sql.raw(CREDIT_BEATS_FUNCTION))

  // 3. The event log replayed under the new rule.
  const replayed = await replayStudyLog(rows, rules, REBUILD_ROLLUPS_AT_THIS_MIGRATION)
  payload.logger.info(`学时按实际学习时间重新计算：重放 ${replayed.events} 条学习记录`)
}

export async function down(args: MigrateDownArgs): Promise<void> {
  const { db } = args
  await db.execute(sql.raw('DROP FUNCTION IF EXISTS study_credit_beats(jsonb, numeric, numeric, numeric, numeric, numeric);'))
  await previousCreditBeats(args as unknown as MigrateUpArgs)
  await db.execute(sql`
   ALTER TABLE "micro_lessons" DROP COLUMN IF EXISTS "duration_seconds";
  ALTER TABLE "micro_lessons" DROP COLUMN IF EXISTS "text_length";
  ALTER TABLE "_micro_lessons_v" DROP COLUMN IF EXISTS "version_duration_seconds";
  ALTER TABLE "_micro_lessons_v" DROP COLUMN IF EXISTS "version_text_length";
  ALTER TABLE "media" DROP COLUMN IF EXISTS "duration_seconds";
  ALTER TABLE "study_progress" DROP COLUMN IF EXISTS "furthest_position";
  ALTER TABLE "study_sessions" DROP COLUMN IF EXISTS "open_position";
  ALTER TABLE "study_sessions" DROP COLUMN IF EXISTS "open_credited";
  ALTER TABLE "platform_settings" DROP COLUMN IF EXISTS "minutes_per_credit_hour";
  ALTER TABLE "platform_settings" DROP COLUMN IF EXISTS "reading_chars_per_minute";
  ALTER TABLE "platform_settings" DROP COLUMN IF EXISTS "completion_share";`)
}

/**
 * The rollups' rebuild as it stood at this migration (src/cockpit/rollups.ts then: 学时 from
 * study_progress, held rows at 0); later migrations (the 学时台账) change where 学时 come from, and
 * a migration runs the schema of its own time.
 */
const REBUILD_ROLLUPS_AT_THIS_MIGRATION = `
TRUNCATE study_member_year, study_org_day, study_org_month, quiz_member_year, quiz_org_month, study_item_org_year, quiz_question_org_year;
INSERT INTO study_org_day (organization_id, day, seconds, hours, completions)
  SELECT org, day, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT coalesce(organization_id, 0) AS org, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 GROUP BY 1, 2
    UNION ALL
    SELECT coalesce(organization_id, 0), (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, sum(CASE WHEN held THEN 0 ELSE hours_credited END), count(*)
      FROM study_progress WHERE completed_at IS NOT NULL GROUP BY 1, 2) x
  GROUP BY org, day;
INSERT INTO study_org_month (organization_id, month, seconds, hours, completions)
  SELECT organization_id, date_trunc('month', day)::date, sum(seconds), sum(hours), sum(completions) FROM study_org_day GROUP BY 1, 2;
INSERT INTO study_member_year (member_id, year, seconds, hours, completions)
  SELECT member_id, year, sum(seconds), sum(hours), sum(completions)::int FROM (
    SELECT member_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int AS year, sum(credited_seconds) AS seconds, 0 AS hours, 0 AS completions
      FROM study_events WHERE credited_seconds <> 0 AND member_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT member_id, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, 0, sum(CASE WHEN held THEN 0 ELSE hours_credited END), count(*)
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
