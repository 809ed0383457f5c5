import { studiedTitleSql } from '../content/kinds'
import type { Queryable } from '../db/transaction'
import type { AttendanceStatus } from '../meetings/rules'
import { MIN_READ_SECONDS, type StudyRules } from './length'

/**
 * Every SQL statement of 学习 (src/study), each a typed function on what it runs on: a transaction
 * (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or the pool
 * (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline. The replay's
 * statements run on its runner (`Sql`: a migration's transaction or a pool, text without parameters).
 * PostgreSQL's numeric and bigint values (strings to node-postgres) come back as numbers.
 */

// ---------------------------------------------------------------- crediting heartbeats

/** study_credit_beats' rules after the beats: the longest gap credited, the cap on an item's length, the completion share, minutes per 学时, the position tolerance. */
export type BeatCreditRules = {
  maxGapSeconds: number
  capFactor: number
  completionShare: number
  minutesPerCreditHour: number
  toleranceSeconds: number
}

export type CreditedBeatRow = {
  idx: number
  status: string
  credited: number
  seconds: number
  pos: number
  pct: number
  completed: boolean
  completed_now: boolean
  hours: number
}
/**
 * One batch of heartbeats credited by `study_credit_beats` (its migration): one statement, one row
 * per beat (its index in the batch) with what it credited.
 */
export const creditBeats = async (db: Queryable, beats: unknown[], rules: BeatCreditRules): Promise<CreditedBeatRow[]> =>
  (
    await db.query<
      Omit<CreditedBeatRow, 'credited' | 'seconds' | 'pos' | 'pct' | 'hours'> &
        Record<'credited' | 'seconds' | 'pos' | 'pct' | 'hours', string>
    >('SELECT * FROM study_credit_beats($1::jsonb, $2, $3, $4, $5, $6)', [
      JSON.stringify(beats),
      rules.maxGapSeconds,
      rules.capFactor,
      rules.completionShare,
      rules.minutesPerCreditHour,
      rules.toleranceSeconds,
    ])
  ).rows.map((r) => ({
    ...r,
    credited: Number(r.credited),
    seconds: Number(r.seconds),
    pos: Number(r.pos),
    pct: Number(r.pct),
    hours: Number(r.hours),
  }))

/** The member's organisation; null when they have none or do not exist. */
export const organizationOfMember = async (db: Queryable, member: number): Promise<number | null> =>
  (await db.query<{ organization_id: number | null }>('SELECT organization_id FROM users WHERE id = $1', [member])).rows[0]
    ?.organization_id ?? null

/** How many of the lessons the member has completed. */
export const completedLessonCount = async (db: Queryable, member: number, lessons: number[]): Promise<number> =>
  Number(
    (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM study_progress WHERE member_id = $1 AND item_collection = 'micro-lessons' AND item_id = ANY($2::numeric[]) AND completed_at IS NOT NULL`,
        [member, lessons],
      )
    ).rows[0].n,
  )

/** Marks the course completed by the member at `at` (a completion already recorded keeps its time). */
export const completeCourse = async (
  db: Queryable,
  c: { member: number; organization: number | null; course: number; at: Date },
): Promise<void> => {
  await db.query(
    `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
       VALUES ($1, $2, 'courses', $3, 0, 0, 100, $4, 0, $4, $4)
       ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET percent = 100, completed_at = COALESCE(study_progress.completed_at, EXCLUDED.completed_at), updated_at = EXCLUDED.updated_at`,
    [c.member, c.organization, c.course, c.at],
  )
}

// ---------------------------------------------------------------- lengths

/**
 * The script that re-derives every lesson's length and 学时 (published rows and every version) from
 * the stored file durations and text lengths under the rules.
 */
export const rederiveLessonsSql = (rules: StudyRules) => {
  const per = (prefix: string, table: string) => `
    UPDATE ${table} l SET ${prefix}duration_seconds = CASE
        WHEN l.${prefix}kind::text = 'article' THEN GREATEST(${MIN_READ_SECONDS}, round(coalesce(l.${prefix}text_length, 0) * 60.0 / ${rules.readingCharsPerMinute}))
        ELSE coalesce((SELECT m.duration_seconds FROM media m WHERE m.id = l.${prefix}media_id), 0) END;
    UPDATE ${table} l SET
      ${prefix}duration_minutes = CASE WHEN l.${prefix}duration_seconds > 0 THEN GREATEST(1, round(l.${prefix}duration_seconds / 60.0)) ELSE 0 END,
      ${prefix}credit_hours = CASE WHEN l.${prefix}duration_seconds > 0 THEN round(l.${prefix}duration_seconds / 60.0 / ${rules.minutesPerCreditHour}, 2) ELSE 0 END;`
  return per('', 'micro_lessons') + per('version_', '_micro_lessons_v')
}

/** Re-derives every lesson's length and 学时 under the rules (rederiveLessonsSql, one script). */
export const rederiveLessons = async (db: Queryable, rules: StudyRules): Promise<void> => {
  await db.query(rederiveLessonsSql(rules))
}

// ---------------------------------------------------------------- 学习档案

export type ArchivePersonRow = { id: number; name: string; stage: string; branch: string | null; college: string | null; roles: string[] }
/** The member with their stage, branch, college and roles, or undefined when there is none. */
export const archivePerson = async (db: Queryable, member: number): Promise<ArchivePersonRow | undefined> =>
  (
    await db.query<ArchivePersonRow>(
      `SELECT u.id, u.name, u.political_stage::text AS stage, o.name AS branch, p.name AS college,
              ARRAY(SELECT value::text FROM users_roles WHERE parent_id = u.id) AS roles
         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id LEFT JOIN organizations p ON p.id = o.parent_id WHERE u.id = $1`,
      [member],
    )
  ).rows[0]

export type MemberYearRow = { year: number; hours: number; completions: number }
/** The member's 学时 and completions per year, years with any, newest first. */
export const memberYears = async (db: Queryable, member: number): Promise<MemberYearRow[]> =>
  (
    await db.query<{ year: number; hours: string; completions: number }>(
      `SELECT year, hours, completions FROM study_member_year WHERE member_id = $1 AND (hours <> 0 OR completions <> 0) ORDER BY year DESC`,
      [member],
    )
  ).rows.map((r) => ({ year: Number(r.year), hours: Number(r.hours), completions: Number(r.completions) }))

export type CompletedItemRow = {
  collection: string
  id: number
  completed_at: Date
  hours_credited: number
  held: boolean
  title: string | null
}
/** The member's completed items with their titles and 学时 (held or not), the latest completion first. */
export const completedItems = async (db: Queryable, member: number): Promise<CompletedItemRow[]> => {
  const titled = studiedTitleSql('sp')
  return (
    await db.query<Omit<CompletedItemRow, 'hours_credited'> & { hours_credited: string }>(
      `SELECT sp.item_collection::text AS collection, sp.item_id::int AS id, sp.completed_at, sp.hours_credited, sp.held,
              ${titled.title} AS title
         FROM study_progress sp
         ${titled.joins}
        WHERE sp.member_id = $1 AND sp.completed_at IS NOT NULL ORDER BY sp.completed_at DESC`,
      [member],
    )
  ).rows.map((r) => ({ ...r, hours_credited: Number(r.hours_credited) }))
}

export type SubmittedAttemptRow = {
  id: number
  title: string | null
  mode: string
  submitted_at: Date
  score: number | null
  passed: boolean | null
}
/** The member's submitted quiz attempts with their quiz's title, the latest first. */
export const submittedAttempts = async (db: Queryable, member: number): Promise<SubmittedAttemptRow[]> =>
  (
    await db.query<Omit<SubmittedAttemptRow, 'score'> & { score: string | null }>(
      `SELECT a.id, q.title, a.mode, a.submitted_at, a.score, a.passed FROM quiz_attempts a LEFT JOIN quizzes q ON q.id = a.quiz_id
        WHERE a.member_id = $1 AND a.status = 'submitted' ORDER BY a.submitted_at DESC`,
      [member],
    )
  ).rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }))

export type MemberMeetingRow = {
  id: number
  topic: string
  starts_at: Date
  year: number
  status: AttendanceStatus | 'absent'
  types: string[]
}
/**
 * Every recorded meeting of the member's branch and any other they were marked at, with their
 * attendance ('absent' when unmarked) and types, the latest first.
 */
export const meetingsOfMember = async (db: Queryable, member: number): Promise<MemberMeetingRow[]> =>
  (
    await db.query<Omit<MemberMeetingRow, 'year'> & { year: string }>(
      `SELECT m.id, m.topic, m.starts_at, m.year, coalesce(a.status::text, 'absent') AS status,
              ARRAY(SELECT value::text FROM meetings_types t WHERE t.parent_id = m.id ORDER BY t."order") AS types
         FROM meetings m LEFT JOIN meeting_attendance a ON a.meeting_id = m.id AND a.member_id = $1
        WHERE m.status = 'recorded' AND (a.id IS NOT NULL OR m.organization_id = (SELECT organization_id FROM users WHERE id = $1))
        ORDER BY m.starts_at DESC`,
      [member],
    )
  ).rows.map((r) => ({ ...r, year: Number(r.year) }))

// ---------------------------------------------------------------- the credit invariant

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

/** Every violation of the credit invariant (CREDIT_INVARIANT_SQL) for these members (all members when none are given). */
export const creditInvariantViolations = async (db: Queryable, memberIds?: number[]): Promise<InvariantViolation[]> =>
  (await db.query<InvariantViolation>(CREDIT_INVARIANT_SQL, [memberIds ?? null])).rows

// ---------------------------------------------------------------- replaying the study log

/** Runs one SQL text (no parameters) and returns its rows: the migration's transaction or a pool. */
export type Sql = (text: string) => Promise<Array<Record<string, unknown>>>

/** A string as an SQL literal. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The replay's filter on member_id: the given members, or every row with a member. */
const membersOnly = (memberIds?: number[]) =>
  memberIds ? `member_id = ANY(ARRAY[${memberIds.map(Number).join(',') || 'NULL'}]::int[])` : 'member_id IS NOT NULL'

export type ReplayLessonRow = { id: number; kind: string; duration_seconds: number; credit_hours: number; quiz_required: boolean }
/** Every lesson's kind, length, 学时 and whether its quiz is required to complete it (null lengths as 0). */
export const replayLessons = async (run: Sql): Promise<ReplayLessonRow[]> =>
  (
    await run(`SELECT l.id, l.kind::text AS kind, l.duration_seconds, l.credit_hours, coalesce(q.required_to_complete, false) AS quiz_required
                               FROM micro_lessons l LEFT JOIN quizzes q ON q.id = l.quiz_id`)
  ).map((l) => ({
    id: l.id as number,
    kind: String(l.kind),
    duration_seconds: Number(l.duration_seconds ?? 0),
    credit_hours: Number(l.credit_hours ?? 0),
    quiz_required: Boolean(l.quiz_required),
  }))

export type ReplayArticleRow = { id: number; title: unknown; summary: unknown; body: unknown }
/** Every article of the table (red_resources or news) with its title, summary and body. */
export const replayArticles = async (run: Sql, table: 'red_resources' | 'news'): Promise<ReplayArticleRow[]> =>
  (await run(`SELECT id, title, summary, body FROM ${table}`)) as ReplayArticleRow[]

export type ReplayEventRow = {
  member_id: number
  organization_id: number | null
  coll: string
  item_id: string
  ev: string
  client_position: string | null
  beat_id: string
  created_at: Date | string
}
/** The members' study events (all members' when none are given) in the order they were recorded. */
export const replayEvents = async (run: Sql, memberIds?: number[]): Promise<ReplayEventRow[]> =>
  (await run(`SELECT member_id, organization_id, item_collection::text AS coll, item_id, kind::text AS ev, client_position, beat_id, created_at
                              FROM study_events WHERE ${membersOnly(memberIds)} ORDER BY member_id, created_at, id`)) as ReplayEventRow[]

/**
 * Clears the members' study records (all members' when none are given) for the replay: events,
 * progress and sessions, keeping each lesson-quiz pass as a fresh progress row (via a temporary
 * table dropped at commit). One script.
 */
export const resetForReplay = async (run: Sql, memberIds?: number[]): Promise<void> => {
  const only = membersOnly(memberIds)
  await run(`
      CREATE TEMP TABLE replay_quiz ON COMMIT DROP AS
        SELECT member_id, organization_id, item_collection, item_id, quiz_passed_at FROM study_progress WHERE quiz_passed_at IS NOT NULL AND item_collection <> 'courses' AND ${only};
      DELETE FROM study_events WHERE ${only};
      DELETE FROM study_progress WHERE ${only};
      DELETE FROM study_sessions WHERE ${only};
      INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, quiz_passed_at, created_at, updated_at)
        SELECT member_id, organization_id, item_collection, item_id, quiz_passed_at, quiz_passed_at, quiz_passed_at FROM replay_quiz;`)
}

/** Feeds the beats through `study_credit_beats` again (as literals: the runner takes no parameters). */
export const replayBeats = async (run: Sql, beats: unknown[], rules: BeatCreditRules): Promise<void> => {
  await run(
    `SELECT count(*) FROM study_credit_beats(${lit(JSON.stringify(beats))}::jsonb, ${rules.maxGapSeconds}, ${rules.capFactor}, ${rules.completionShare}, ${rules.minutesPerCreditHour}, ${rules.toleranceSeconds})`,
  )
}

/** Completes, for the members (all when none are given), each published course all of whose lessons they completed, at the last one's completion. */
export const completeCoursesOfLessons = async (run: Sql, memberIds?: number[]): Promise<void> => {
  await run(`
      INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
      SELECT p.member_id, (SELECT organization_id FROM users WHERE id = p.member_id), 'courses', c.id, 0, 0, 100, max(p.completed_at), 0, max(p.completed_at), max(p.completed_at)
        FROM courses c JOIN courses_rels r ON r.parent_id = c.id AND r.path = 'lessons'
        JOIN study_progress p ON p.item_collection = 'micro-lessons' AND p.item_id = r.micro_lessons_id AND p.completed_at IS NOT NULL AND p.${membersOnly(memberIds)}
       WHERE c._status = 'published'
       GROUP BY p.member_id, c.id
      HAVING count(DISTINCT r.micro_lessons_id) = (SELECT count(DISTINCT r2.micro_lessons_id) FROM courses_rels r2 WHERE r2.parent_id = c.id AND r2.path = 'lessons')`)
}

export type UnfinishedRow = {
  item_collection: 'micro-lessons' | 'red-resources' | 'news' | 'courses'
  item_id: string
  seconds_credited: string
  position: string
  percent: string
  hours_credited: string
  updated_at: Date
}
export type ItemProgressRow = UnfinishedRow & { completed_at: Date | null }
/** The member's progress rows on these items (pairs of collection and id; a row of either list's other pairs is the caller's to drop). */
export const progressOnItems = async (db: Queryable, member: number, collections: string[], ids: number[]): Promise<ItemProgressRow[]> =>
  (
    await db.query<ItemProgressRow>(
      `SELECT item_collection::text AS item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, updated_at
         FROM study_progress
        WHERE member_id = $1 AND item_collection::text = ANY($2::text[]) AND item_id = ANY($3::numeric[])`,
      [member, collections, ids],
    )
  ).rows

/** The member's unfinished items with some study credited, most recently studied first (继续学习). */
export const unfinishedItems = async (db: Queryable, member: number, limit: number): Promise<UnfinishedRow[]> =>
  (
    await db.query<UnfinishedRow>(
      `SELECT item_collection::text AS item_collection, item_id, seconds_credited, position, percent, hours_credited, updated_at
         FROM study_progress
        WHERE member_id = $1 AND completed_at IS NULL AND item_collection <> 'courses' AND percent > 0
        ORDER BY updated_at DESC LIMIT $2`,
      [member, limit],
    )
  ).rows
