import type { Queryable } from '../db/transaction'
import type { PaperEntry } from './attempts'

/**
 * Every SQL statement of 测验 (src/quiz), each a typed function on what it runs on: a transaction
 * (`tx` from `transact`), the request's transaction or the pool (`inRequest(req)`), or the pool
 * (`poolOf(payload)`) — the caller chooses, as it did when the SQL was written inline.
 * PostgreSQL's numeric and bigint values (strings to node-postgres) come back as numbers.
 */

// ---------------------------------------------------------------- starting an attempt

/** Ids of the questions the member answered correctly in attempts submitted since `since`. */
export const questionsRightSince = async (db: Queryable, member: number, since: Date): Promise<number[]> =>
  (
    await db.query<{ qid: string }>(
      `SELECT DISTINCT (r->>'questionId') AS qid FROM quiz_attempts a, jsonb_array_elements(a.results) r
      WHERE a.member_id = $1 AND a.status = 'submitted' AND a.submitted_at >= $2 AND (r->>'correct')::boolean`,
      [member, since],
    )
  ).rows.map((r) => Number(r.qid))

export type AttemptPaperRow = { id: number; paper: PaperEntry[]; deadline: Date | null; status: string }

/** The member's attempt started with this Idempotency-Key (with its quiz), or undefined when none. */
export const attemptByStartKey = async (
  db: Queryable,
  member: number,
  key: string,
): Promise<(AttemptPaperRow & { quiz_id: number }) | undefined> =>
  (
    await db.query<AttemptPaperRow & { quiz_id: number }>(
      'SELECT id, quiz_id, paper, deadline, status FROM quiz_attempts WHERE member_id = $1 AND start_key = $2',
      [member, key],
    )
  ).rows[0]

/**
 * The member's newest open attempt at the quiz whose deadline has not passed at `now` (only the
 * given day's, when `day` is given: the daily quiz), or undefined when none.
 */
export const openAttempt = async (
  db: Queryable,
  member: number,
  quiz: number,
  now: Date,
  day?: string,
): Promise<AttemptPaperRow | undefined> =>
  (day === undefined
    ? await db.query<AttemptPaperRow>(
        `SELECT id, paper, deadline, status FROM quiz_attempts WHERE member_id = $1 AND quiz_id = $2 AND status = 'open'
         AND (deadline IS NULL OR deadline > $3) ORDER BY id DESC LIMIT 1`,
        [member, quiz, now],
      )
    : await db.query<AttemptPaperRow>(
        `SELECT id, paper, deadline, status FROM quiz_attempts WHERE member_id = $1 AND quiz_id = $2 AND status = 'open'
         AND (deadline IS NULL OR deadline > $3) AND day = $4 ORDER BY id DESC LIMIT 1`,
        [member, quiz, now, day],
      )
  ).rows[0]

/** How many attempts the member started at the quiz (only on the given day, when `day` is given: the daily quiz). */
export const attemptsStarted = async (db: Queryable, member: number, quiz: number, day?: string): Promise<number> =>
  (day === undefined
    ? await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quiz_attempts WHERE member_id = $1 AND quiz_id = $2`, [member, quiz])
    : await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quiz_attempts WHERE member_id = $1 AND quiz_id = $2 AND day = $3`, [
        member,
        quiz,
        day,
      ])
  ).rows[0].n

/** A new open attempt with its paper, started at `startedAt` (also its created and updated time); its id. */
export const insertAttempt = async (
  db: Queryable,
  a: {
    member: number
    organization: number | null
    quiz: number
    mode: string
    day: string
    startedAt: Date
    deadline: Date | null
    paper: PaperEntry[]
    key: string | null
  },
): Promise<number> =>
  (
    await db.query<{ id: number }>(
      `INSERT INTO quiz_attempts (member_id, organization_id, quiz_id, mode, day, status, started_at, deadline, paper, total, start_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $6, $6) RETURNING id`,
      [a.member, a.organization, a.quiz, a.mode, a.day, a.startedAt, a.deadline, JSON.stringify(a.paper), a.paper.length, a.key],
    )
  ).rows[0].id

// ---------------------------------------------------------------- submitted attempts

export type StoredAttemptRow = {
  id: number
  quiz_id: number
  status: string
  deadline: Date | null
  paper: PaperEntry[]
  organization_id: number | null
  submit_key: string | null
  answers: Record<string, unknown> | null
  results: Array<{ questionId: number; correct: boolean }> | null
  score: number | null
  correct_count: number | null
  passed: boolean | null
}
type StoredAttemptRaw = Omit<StoredAttemptRow, 'score' | 'correct_count'> & { score: string | null; correct_count: string | null }
const storedAttempt = (r: StoredAttemptRaw | undefined): StoredAttemptRow | undefined =>
  r && {
    ...r,
    score: r.score === null ? null : Number(r.score),
    correct_count: r.correct_count === null ? null : Number(r.correct_count),
  }

/** The member's submitted attempt, or undefined when it is not theirs or not submitted. */
export const submittedAttempt = async (db: Queryable, attempt: number, member: number): Promise<StoredAttemptRow | undefined> =>
  storedAttempt(
    (
      await db.query<StoredAttemptRaw>(
        `SELECT id, quiz_id, status, deadline, paper, organization_id, submit_key, answers, results, score, correct_count, passed
       FROM quiz_attempts WHERE id = $1 AND member_id = $2 AND status = 'submitted'`,
        [attempt, member],
      )
    ).rows[0],
  )

/** The member's attempt, locked FOR UPDATE until the transaction ends, or undefined when it is not theirs. */
export const attemptForUpdate = async (db: Queryable, attempt: number, member: number): Promise<StoredAttemptRow | undefined> =>
  storedAttempt(
    (
      await db.query<StoredAttemptRaw>(
        `SELECT id, quiz_id, status, deadline, paper, organization_id, submit_key, answers, results, score, correct_count, passed
         FROM quiz_attempts WHERE id = $1 AND member_id = $2 FOR UPDATE`,
        [attempt, member],
      )
    ).rows[0],
  )

/** Records the graded submission on the attempt (submitted at `at`, also its updated time). */
export const recordSubmission = async (
  db: Queryable,
  s: {
    attempt: number
    at: Date
    answers: Record<string, unknown>
    results: Array<{ questionId: number; correct: boolean }>
    score: number
    correctCount: number
    passed: boolean
    key: string | null
  },
): Promise<void> => {
  await db.query(
    `UPDATE quiz_attempts SET status = 'submitted', submitted_at = $2, answers = $3, results = $4, score = $5, correct_count = $6, passed = $7, submit_key = $8, updated_at = $2 WHERE id = $1`,
    [s.attempt, s.at, JSON.stringify(s.answers), JSON.stringify(s.results), s.score, s.correctCount, s.passed, s.key],
  )
}

// ---------------------------------------------------------------- a passed lesson quiz

export type LessonProgressRow = { seconds_credited: number; position: number; furthest_position: number; completed_at: Date | null }
/** Marks the lesson's quiz passed at `at` on the member's progress (kept when already set); the row's credited time and positions (furthest null as 0). */
export const lessonQuizPassedAt = async (
  db: Queryable,
  p: { member: number; organization: number | null; lesson: number; at: Date },
): Promise<LessonProgressRow> => {
  const r = (
    await db.query<{ seconds_credited: string; position: string; furthest_position: string | null; completed_at: Date | null }>(
      `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, quiz_passed_at, created_at, updated_at)
       VALUES ($1, $2, 'micro-lessons', $3, $4, $4, $4)
       ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET quiz_passed_at = COALESCE(study_progress.quiz_passed_at, EXCLUDED.quiz_passed_at), updated_at = EXCLUDED.updated_at
       RETURNING seconds_credited, position, furthest_position, completed_at`,
      [p.member, p.organization, p.lesson, p.at],
    )
  ).rows[0]
  return {
    seconds_credited: Number(r.seconds_credited),
    position: Number(r.position),
    furthest_position: Number(r.furthest_position ?? 0),
    completed_at: r.completed_at,
  }
}

/**
 * Completes the member's lesson at `at` with these 学时, only while the lesson is published (read in
 * this statement); whether it did.
 */
export const completeLessonIfPublished = async (
  db: Queryable,
  c: { member: number; lesson: number; at: Date; hours: number },
): Promise<boolean> =>
  !!(
    await db.query(
      `UPDATE study_progress SET completed_at = $3, hours_credited = $4, percent = 100, updated_at = $3
        WHERE member_id = $1 AND item_collection = 'micro-lessons' AND item_id = $2 AND study_item_published('micro-lessons', $2::numeric)`,
      [c.member, c.lesson, c.at, c.hours],
    )
  ).rowCount

// ---------------------------------------------------------------- 错题本

export type QuizOutcomeRow = { qid: number; correct: boolean; given: unknown; at: Date }
/** Every verdict of the member's submitted attempts (only the question's, when given), with the answer given and when. */
export const quizOutcomes = async (db: Queryable, member: number, question: number | null): Promise<QuizOutcomeRow[]> =>
  (
    await db.query<{ qid: string; correct: boolean; given: unknown; at: Date }>(
      `SELECT r->>'questionId' AS qid, (r->>'correct')::boolean AS correct, a.answers -> (r->>'questionId') AS given, a.submitted_at AS at
         FROM quiz_attempts a, jsonb_array_elements(a.results) r
        WHERE a.member_id = $1 AND a.status = 'submitted' AND ($2::int IS NULL OR (r->>'questionId')::int = $2)`,
      [member, question],
    )
  ).rows.map((r) => ({ ...r, qid: Number(r.qid) }))

export type PracticeOutcomeRow = { qid: number; correct: boolean; at: Date }
/** Every practice answer's verdict of the member (only the question's, when given), and when. */
export const practiceOutcomes = async (db: Queryable, member: number, question: number | null): Promise<PracticeOutcomeRow[]> =>
  (
    await db.query<PracticeOutcomeRow>(
      `SELECT question_id AS qid, correct, created_at AS at FROM quiz_practice WHERE member_id = $1 AND ($2::int IS NULL OR question_id = $2)`,
      [member, question],
    )
  ).rows

/** Records one practice answer and its verdict at `at`. */
export const insertPractice = async (
  db: Queryable,
  p: { member: number; organization: number | string | null; question: number; answer: string[]; correct: boolean; at: Date },
): Promise<void> => {
  await db.query(
    `INSERT INTO quiz_practice (member_id, organization_id, question_id, answer, correct, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [p.member, p.organization, p.question, JSON.stringify(p.answer), p.correct, p.at],
  )
}

// ---------------------------------------------------------------- status and standings

export type QuizStandingRow = {
  quiz_id: number
  used: number
  open_now: boolean
  submitted: number
  best: number | null
  passed: boolean
  latest_id: number | null
  latest_score: number | null
  latest_passed: boolean | null
  latest_at: Date | null
}
/**
 * The member's attempts per quiz among `quizzes` (for those in `daily`, only the day's): started,
 * whether one is open at `now`, submitted, best score, passed, and the latest submitted one.
 */
export const attemptsPerQuiz = async (
  db: Queryable,
  member: number,
  quizzes: number[],
  daily: number[],
  now: Date,
  day: string,
): Promise<QuizStandingRow[]> =>
  (
    await db.query<Omit<QuizStandingRow, 'best' | 'latest_score'> & { best: string | null; latest_score: string | null }>(
      `SELECT a.quiz_id, count(*)::int AS used,
            bool_or(a.status = 'open' AND (a.deadline IS NULL OR a.deadline > $4)) AS open_now,
            count(*) FILTER (WHERE a.status = 'submitted')::int AS submitted,
            max(a.score) FILTER (WHERE a.status = 'submitted') AS best,
            coalesce(bool_or(a.passed) FILTER (WHERE a.status = 'submitted'), false) AS passed,
            (array_agg(a.id ORDER BY a.submitted_at DESC) FILTER (WHERE a.status = 'submitted'))[1] AS latest_id,
            (array_agg(a.score ORDER BY a.submitted_at DESC) FILTER (WHERE a.status = 'submitted'))[1] AS latest_score,
            (array_agg(a.passed ORDER BY a.submitted_at DESC) FILTER (WHERE a.status = 'submitted'))[1] AS latest_passed,
            max(a.submitted_at) AS latest_at
       FROM quiz_attempts a
      WHERE a.member_id = $1 AND a.quiz_id = ANY($2::int[]) AND (NOT (a.quiz_id = ANY($3::int[])) OR a.day = $5)
      GROUP BY a.quiz_id`,
      [member, quizzes, daily, now, day],
    )
  ).rows.map((r) => ({
    ...r,
    best: r.best === null ? null : Number(r.best),
    latest_score: r.latest_score === null ? null : Number(r.latest_score),
  }))

export type BranchFiguresRow = {
  branch_id: number
  branch: string
  college_id: number | null
  college: string | null
  participants: number
  members: number
  score_sum: number | null
}
/**
 * Each branch with its college: its active people of the given stages, how many of them submitted
 * the quiz, and the sum of their best scores (null when none did).
 */
export const competitionFigures = async (db: Queryable, quiz: number, stages: readonly string[]): Promise<BranchFiguresRow[]> =>
  (
    await db.query<Omit<BranchFiguresRow, 'score_sum'> & { score_sum: string | null }>(
      `WITH best AS (
       SELECT member_id, max(score) AS score FROM quiz_attempts WHERE quiz_id = $1 AND status = 'submitted' GROUP BY member_id
     ), people AS (
       SELECT u.id, u.organization_id FROM users u WHERE u.active IS NOT FALSE AND u.political_stage::text = ANY($2::text[]) AND u.organization_id IS NOT NULL
     )
     SELECT o.id AS branch_id, o.name AS branch, c.id AS college_id, c.name AS college,
            count(b.member_id)::int AS participants, count(p.id)::int AS members, sum(b.score) AS score_sum
       FROM organizations o
       LEFT JOIN organizations c ON c.id = o.parent_id
       JOIN people p ON p.organization_id = o.id
       LEFT JOIN best b ON b.member_id = p.id
      WHERE o.type = 'branch'
      GROUP BY o.id, o.name, c.id, c.name`,
      [quiz, stages],
    )
  ).rows.map((r) => ({ ...r, score_sum: r.score_sum === null ? null : Number(r.score_sum) }))
