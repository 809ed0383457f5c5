-- Credits a batch of heartbeats (src/study/heartbeat.ts BeatBatcher): the rules are in the comments below.
-- Set-based: a batch is split into rounds, round k holding each member's k-th beat (by idx), and each
-- round is one statement (one write per table for all its beats). A heartbeat batch is almost always
-- one round; a member's second beat in a batch (two tabs, a resent beat) is in the next round and sees
-- the first. It used to be about eight statements per beat (2,750 beats a second on one connection).
CREATE OR REPLACE FUNCTION study_credit_beats(beats jsonb, max_gap numeric, cap_factor numeric, share numeric, minutes_per_hour numeric, tolerance numeric)
RETURNS TABLE (idx int, status text, credited numeric, seconds numeric, pos numeric, pct numeric, completed boolean, completed_now boolean, hours numeric)
LANGUAGE plpgsql AS $fn$
DECLARE
  rb jsonb;
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
  FOR rb IN
    SELECT jsonb_agg(r.value ORDER BY r.org NULLS FIRST, r.m, r.i)
      FROM (SELECT e.value, u.organization_id AS org, (e.value->>'memberId')::int AS m, (e.value->>'idx')::int AS i,
                   row_number() OVER (PARTITION BY (e.value->>'memberId')::int ORDER BY (e.value->>'idx')::int) AS k
              FROM jsonb_array_elements(beats) e LEFT JOIN users u ON u.id = (e.value->>'memberId')::int) r
     GROUP BY r.k ORDER BY r.k
  LOOP
    RETURN QUERY
    WITH b AS (
      SELECT x.idx, x."memberId" AS m, x.sid, x.collection AS coll, x."itemId" AS item, x.event AS ev, x.at, x.position AS cpos,
             coalesce(x."scrolledToEnd", false) AS scrolled, x.kind, coalesce(x."durationSeconds", 0) AS dur,
             coalesce(x."creditHours", 0) AS credit_h, coalesce(x."quizRequired", false) AS quiz_req, x."beatId" AS beat,
             -- Only the migration 20261203_144338 replays the stored log (it sets this; the heartbeat path never does).
             coalesce(x.replay, false) AS replaying, x."organizationId" AS given_org
        FROM jsonb_to_recordset(rb) AS x(idx int, "memberId" int, sid text, collection text, "itemId" numeric, event text,
             at timestamptz, position numeric, "scrolledToEnd" boolean, kind text, "durationSeconds" numeric, "creditHours" numeric,
             "quizRequired" boolean, "beatId" text, replay boolean, "organizationId" int)
    ),
    -- An active account whose session (from the token) is still open; the replay checks neither.
    who AS (
      SELECT b.*, CASE WHEN b.replaying THEN b.given_org ELSE u.organization_id END AS org
        FROM b JOIN users u ON u.id = b.m
       WHERE (b.replaying OR u.active IS NOT FALSE)
         AND (b.sid IS NULL OR EXISTS (SELECT 1 FROM users_sessions s WHERE s._parent_id = u.id AND s.id = b.sid AND s.expires_at > now()))
    ),
    -- Only a published item earns: read here, in the statement that credits, so a withdrawal made
    -- through any app-server worker stops the very next beat (no per-process cache decides).
    ok AS (SELECT who.* FROM who WHERE who.replaying OR study_item_published(who.coll, who.item)),
    sess AS (
      SELECT ss.member_id, ss.item_collection, ss.item_id, ss.last_beat_at, ss.open_position, ss.open_credited
        FROM study_sessions ss WHERE ss.member_id IN (SELECT ok.m FROM ok) ORDER BY ss.member_id FOR UPDATE
    ),
    base AS (
      SELECT ok.*,
             -- The item is (re)opened: a start, another item before this one, or the member's first beat ever.
             (s.member_id IS NULL OR ok.ev = 'start' OR s.item_collection IS DISTINCT FROM ok.coll OR s.item_id IS DISTINCT FROM ok.item) AS fresh,
             coalesce(s.last_beat_at, ok.at) AS s_last, s.open_position AS s_open_pos, s.open_credited AS s_open_cr,
             coalesce(p.seconds_credited, 0) AS p_seconds, coalesce(p.position, 0) AS p_pos, coalesce(p.furthest_position, 0) AS p_far,
             p.completed_at AS p_done, coalesce(p.hours_credited, 0) AS p_hours, p.quiz_passed_at AS p_quiz
        FROM ok LEFT JOIN sess s ON s.member_id = ok.m
        LEFT JOIN study_progress p ON p.member_id = ok.m AND p.item_collection = ok.coll::enum_study_progress_item_collection AND p.item_id = ok.item
    ),
    -- Never more than the wall-clock time since the previous beat, nor a long gap, nor 1.5x the real length.
    cr AS (
      SELECT base.*, CASE WHEN base.fresh THEN 0
               ELSE floor(CASE WHEN extract(epoch FROM base.at - base.s_last) > max_gap THEN 0
                 ELSE GREATEST(0, LEAST(extract(epoch FROM base.at - base.s_last), cap_factor * base.dur - base.p_seconds)) END * 1000) / 1000 END AS cr
        FROM base
    ),
    logged AS (
      INSERT INTO study_events (member_id, organization_id, item_collection, item_id, kind, client_position, credited_seconds, beat_id, created_at, updated_at)
      SELECT cr.m, cr.org, cr.coll::enum_study_events_item_collection, cr.item, cr.ev::enum_study_events_kind, cr.cpos, cr.cr, cr.beat, cr.at, cr.at
        FROM cr ORDER BY cr.m
      ON CONFLICT (member_id, beat_id) DO NOTHING
      RETURNING member_id
    ),
    calc AS (
      SELECT cr.*, l.member_id IS NULL AS replayed, v.new_seconds, v.needed, w.open_pos, w.open_cr, w.new_pos, w.new_far, w.met, w.watched
        FROM cr LEFT JOIN logged l ON l.member_id = cr.m
       CROSS JOIN LATERAL (SELECT cr.p_seconds + cr.cr AS new_seconds, share * cr.dur AS needed) v
       CROSS JOIN LATERAL (
         -- The read fraction of a text (0-1) never goes back.
         SELECT a.new_pos, a.new_pos AS new_far, 0::numeric AS open_pos, 0::numeric AS open_cr,
                (cr.scrolled OR a.new_pos >= 0.99) AND v.new_seconds >= v.needed AS met, v.new_seconds AS watched
           FROM (SELECT GREATEST(cr.p_pos, LEAST(1, GREATEST(0, cr.cpos))) AS new_pos) a WHERE cr.kind = 'article'
         UNION ALL
         -- Media: opened at most where the member had been credited to; from there the position may run
         -- ahead of the study time credited since by the tolerance only, and never past the file's end.
         SELECT c.new_pos, c.new_far, o.open_pos, o.open_cr, c.new_far >= v.needed AND v.new_seconds >= v.needed, LEAST(v.new_seconds, c.new_far)
           FROM (SELECT CASE WHEN cr.fresh THEN LEAST(GREATEST(0, cr.cpos), GREATEST(cr.p_far, cr.p_pos)) ELSE cr.s_open_pos END AS open_pos,
                        CASE WHEN cr.fresh THEN 0 ELSE cr.s_open_cr + cr.cr END AS open_cr) o
          CROSS JOIN LATERAL (SELECT GREATEST(0, LEAST(cr.cpos, o.open_pos + o.open_cr + tolerance, cr.dur)) AS new_pos) n
          CROSS JOIN LATERAL (SELECT n.new_pos, GREATEST(cr.p_far, n.new_pos) AS new_far) c
          WHERE cr.kind IS DISTINCT FROM 'article'
       ) w
    ),
    done AS (
      SELECT calc.*, d.done_now, d.is_done,
             -- A completed item's 学时, as far as the time credited on it allows (never more than studied).
             CASE WHEN d.is_done THEN LEAST(calc.credit_h, floor(calc.new_seconds / 60.0 / minutes_per_hour * 10000) / 10000) ELSE 0 END AS h,
             CASE WHEN d.is_done THEN 100 ELSE LEAST(99, floor(100 * calc.watched / GREATEST(calc.needed, 1))) END AS pc
        FROM calc
       CROSS JOIN LATERAL (SELECT calc.p_done IS NULL AND calc.dur > 0 AND calc.met AND (NOT calc.quiz_req OR calc.p_quiz IS NOT NULL) AS done_now) d0
       CROSS JOIN LATERAL (SELECT d0.done_now, calc.p_done IS NOT NULL OR d0.done_now AS is_done) d
    ),
    -- A replayed beat (its beatId already logged) changes nothing; the member's session row exists afterwards either way.
    opened AS (
      INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, open_position, open_credited, created_at, updated_at)
      SELECT done.m, done.coll, done.item, done.at, 0, 0, done.at, done.at FROM done WHERE done.replayed ORDER BY done.m
      ON CONFLICT (member_id) DO NOTHING
    ),
    moved AS (
      INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, open_position, open_credited, created_at, updated_at)
      SELECT done.m, done.coll, done.item, GREATEST(done.s_last, done.at), done.open_pos, done.open_cr, done.at, done.at FROM done WHERE NOT done.replayed ORDER BY done.m
      ON CONFLICT (member_id) DO UPDATE SET item_collection = EXCLUDED.item_collection, item_id = EXCLUDED.item_id, last_beat_at = EXCLUDED.last_beat_at,
        open_position = EXCLUDED.open_position, open_credited = EXCLUDED.open_credited, updated_at = EXCLUDED.updated_at
    ),
    progressed AS (
      INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, furthest_position, percent, completed_at, hours_credited, created_at, updated_at)
      SELECT done.m, done.org, done.coll::enum_study_progress_item_collection, done.item, done.new_seconds, done.new_pos, done.new_far, done.pc,
             CASE WHEN done.done_now THEN done.at END, done.h, done.at, done.at
        FROM done WHERE NOT done.replayed ORDER BY done.m
      ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET seconds_credited = EXCLUDED.seconds_credited, position = EXCLUDED.position,
        furthest_position = EXCLUDED.furthest_position, percent = EXCLUDED.percent, completed_at = COALESCE(study_progress.completed_at, EXCLUDED.completed_at),
        hours_credited = EXCLUDED.hours_credited, updated_at = EXCLUDED.updated_at
    )
    SELECT b.idx, 'unauthorized'::text, 0::numeric, 0::numeric, 0::numeric, 0::numeric, false, false, 0::numeric
      FROM b WHERE NOT EXISTS (SELECT 1 FROM who WHERE who.m = b.m)
    UNION ALL
    SELECT who.idx, 'unpublished', 0, 0, 0, 0, false, false, 0 FROM who WHERE NOT EXISTS (SELECT 1 FROM ok WHERE ok.m = who.m)
    UNION ALL
    -- A replay reports what is stored.
    SELECT done.idx, 'replay', 0, done.p_seconds, done.p_pos, CASE WHEN done.p_done IS NOT NULL THEN 100 ELSE 0 END, done.p_done IS NOT NULL, false, done.p_hours
      FROM done WHERE done.replayed
    UNION ALL
    SELECT done.idx, 'ok', done.cr, done.new_seconds, done.new_pos, done.pc, done.is_done, done.done_now, done.h FROM done WHERE NOT done.replayed;
  END LOOP;
END
$fn$;
