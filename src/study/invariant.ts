import type { Pool } from 'pg'

/**
 * The rule every credited 学时 obeys (issue 13): credited 学时 never exceed credited study time ÷ minutes
 * per 学时, and credited study time is real time. One SQL statement over study_progress and
 * study_events that lists every violation, for the tests (after every study scenario) and for
 * anyone checking a database by hand. Checked, for the given members (all when none are given):
 *
 *  - `hours-over-time`  a progress row credits more 学时 than its credited seconds allow;
 *  - `hours-over-item`  a progress row credits more 学时 than its item has (micro-lessons);
 *  - `log-mismatch`     a progress row's credited seconds differ from the sum of its events (the log
 *                       and the record must tell the same story, so either can be audited);
 *  - `faster-than-clock` an event credits more seconds than passed since the latest event recorded
 *                       before it for the member (any item): credited intervals never overlap, so no
 *                       parallel tabs, items or replays credit the same minute twice, and a member's
 *                       credited time over any period is at most that period;
 *  - `member-year`      over a member's year (Asia/Shanghai, by completion) or all time, 学时 exceed the
 *                       credited seconds of the completed items ÷ minutes per 学时 (the sum of the first
 *                       rule, as the reports add it up);
 *  - `incomplete-hours` an item not completed carries 学时;
 *  - `ledger-mismatch`  a progress row's 学时 (0 until completed) differ from its 学时台账 entry, or the
 *                       entry's date or hold differ from the row's (the ledger is what every total reads);
 *  - `ledger-orphan`    an online ledger entry whose completed progress row is gone;
 *  - `life-unbacked`    an organisation-life entry without a recorded meeting the member was present at,
 *                       or with other 学时 than the meeting credits (src/meetings/minutes.ts);
 *  - `life-missing`     a member present at a recorded meeting that credits 学时, with no entry for it.
 * Course rows (a course's completion, no time of their own) carry no hours and are left out.
 */
export const CREDIT_INVARIANT_SQL = `
WITH rules AS (SELECT coalesce((SELECT minutes_per_credit_hour FROM platform_settings LIMIT 1), 45)::numeric AS mph),
p AS (
  SELECT sp.* FROM study_progress sp
   WHERE sp.item_collection <> 'courses' AND ($1::int[] IS NULL OR sp.member_id = ANY($1::int[]))
),
e AS (
  -- The latest time any earlier-recorded event of the member had: credit is the time since then.
  SELECT ev.*, max(ev.created_at) OVER (PARTITION BY ev.member_id ORDER BY ev.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_at
    FROM study_events ev WHERE $1::int[] IS NULL OR ev.member_id = ANY($1::int[])
),
sums AS (SELECT member_id, item_collection::text AS coll, item_id, sum(credited_seconds) AS seconds FROM e GROUP BY 1, 2, 3)
SELECT 'hours-over-time' AS rule, p.member_id, p.item_collection::text AS item_collection, p.item_id, p.hours_credited AS value, p.seconds_credited / 60.0 / rules.mph AS bound
  FROM p, rules WHERE p.hours_credited > p.seconds_credited / 60.0 / rules.mph + 0.00001
UNION ALL
SELECT 'hours-over-item', p.member_id, p.item_collection::text, p.item_id, p.hours_credited, coalesce(l.credit_hours, 0)
  FROM p LEFT JOIN micro_lessons l ON p.item_collection = 'micro-lessons' AND l.id = p.item_id
 WHERE p.hours_credited > coalesce(l.credit_hours, 0) + 0.00001
UNION ALL
SELECT 'log-mismatch', p.member_id, p.item_collection::text, p.item_id, p.seconds_credited, coalesce(s.seconds, 0)
  FROM p LEFT JOIN sums s ON s.member_id = p.member_id AND s.coll = p.item_collection::text AND s.item_id = p.item_id
 WHERE abs(p.seconds_credited - coalesce(s.seconds, 0)) > 0.001
UNION ALL
SELECT 'faster-than-clock', e.member_id, e.item_collection::text, e.item_id, e.credited_seconds, GREATEST(0, coalesce(extract(epoch FROM e.created_at - e.prev_at), 0))
  FROM e WHERE e.credited_seconds > GREATEST(0, coalesce(extract(epoch FROM e.created_at - e.prev_at), 0)) + 0.001
UNION ALL
SELECT 'member-year', y.member_id, y.period, NULL, y.hours, y.seconds / 60.0 / rules.mph
  FROM rules, (
    SELECT member_id, coalesce(extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::text, 'all') AS period, sum(hours_credited) AS hours, sum(seconds_credited) AS seconds
      FROM p WHERE completed_at IS NOT NULL GROUP BY GROUPING SETS ((member_id, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')), (member_id))
  ) y
 WHERE y.hours > y.seconds / 60.0 / rules.mph + 0.00001
UNION ALL
SELECT 'incomplete-hours', p.member_id, p.item_collection::text, p.item_id, p.hours_credited, 0
  FROM p WHERE p.completed_at IS NULL AND p.hours_credited > 0
UNION ALL
SELECT 'ledger-mismatch', p.member_id, p.item_collection::text, p.item_id, coalesce(h.hours, 0), CASE WHEN p.completed_at IS NULL THEN 0 ELSE p.hours_credited END
  FROM p LEFT JOIN study_hours h ON h.source = 'online' AND h.evidence_collection = 'study-progress' AND h.evidence_id = p.id AND h.member_id = p.member_id
 WHERE abs(coalesce(h.hours, 0) - CASE WHEN p.completed_at IS NULL THEN 0 ELSE p.hours_credited END) > 0.00001
    OR (h.id IS NOT NULL AND (h.held IS DISTINCT FROM p.held OR h.counts_on IS DISTINCT FROM p.completed_at))
UNION ALL
SELECT 'ledger-orphan', h.member_id, NULL, h.evidence_id, h.hours, 0
  FROM study_hours h
 WHERE h.source = 'online' AND ($1::int[] IS NULL OR h.member_id = ANY($1::int[]))
   AND NOT EXISTS (SELECT 1 FROM study_progress sp WHERE sp.id = h.evidence_id AND sp.member_id = h.member_id AND sp.completed_at IS NOT NULL)
UNION ALL
SELECT 'life-unbacked', h.member_id, 'meetings', h.evidence_id, h.hours, coalesce(m.credit_hours, 0)
  FROM study_hours h
  LEFT JOIN meetings m ON m.id = h.evidence_id
  LEFT JOIN meeting_attendance a ON a.meeting_id = m.id AND a.member_id = h.member_id
 WHERE h.source = 'organizationLife' AND h.evidence_collection = 'meetings' AND ($1::int[] IS NULL OR h.member_id = ANY($1::int[]))
   AND (m.id IS NULL OR m.status <> 'recorded' OR a.status IS DISTINCT FROM 'present' OR abs(h.hours - coalesce(m.credit_hours, 0)) > 0.00001)
UNION ALL
SELECT 'life-missing', a.member_id, 'meetings', m.id::numeric, 0, m.credit_hours
  FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id AND a.status = 'present'
 WHERE m.status = 'recorded' AND m.credit_hours > 0 AND ($1::int[] IS NULL OR a.member_id = ANY($1::int[]))
   AND NOT EXISTS (SELECT 1 FROM study_hours h WHERE h.source = 'organizationLife' AND h.evidence_collection = 'meetings' AND h.evidence_id = m.id AND h.member_id = a.member_id)`

export type InvariantViolation = {
  rule: string
  member_id: number
  item_collection: string | null
  item_id: string | null
  value: string
  bound: string
}

/** Every violation of the credit invariant for these members (all members when none are given). */
export const creditInvariantViolations = async (pool: Pool, memberIds?: number[]): Promise<InvariantViolation[]> =>
  (await pool.query<InvariantViolation>(CREDIT_INVARIANT_SQL, [memberIds ?? null])).rows
