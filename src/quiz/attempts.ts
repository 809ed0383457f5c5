import { randomInt } from 'crypto'
import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import { nullUnlessUnavailable } from '../db/unavailable'
import { awardPoints, lockMember, pointRules } from '../points/award'
import { afterCompletion, conditionsMet } from '../study/heartbeat'
import { itemMeta } from '../study/items'
import { studyRules } from '../study/derive'
import { creditedHours } from '../study/length'
import { transact, type Queryable, type Tx } from '../db/transaction'
import { poolOf } from '../db/pool'
import {
  attemptByStartKey,
  attemptForUpdate,
  attemptsStarted,
  completeLessonIfPublished,
  insertAttempt,
  lessonQuizPassedAt,
  openAttempt,
  questionsRightSince,
  recordSubmission,
  submittedAttempt,
  type StoredAttemptRow,
} from './queries'
import { correctKeys, gradeQuestion, optionKey, type GradableQuestion } from './grading'
import { formatAdminDateTime } from '../dates'
import { heldQuestionIds } from './held'
import { drawWhere } from './quizRules'
import { revealQuestion, type RevealedQuestion } from './reveal'
import { HttpError } from '../http/errors'
import { shanghaiDay } from '../dates'

/** A refusal of this area: the platform's one error type (src/http/errors.ts). */
export class QuizError extends HttpError {}

type User = NonNullable<PayloadRequest['user']>
export type PaperEntry = { questionId: number; optionOrder: number[] }
export type PaperQuestion = { id: number; type: GradableQuestion['type']; stem: string; options: Array<{ key: string; text: string }> }

/** Seconds after the deadline a submission is still accepted (network, a slow phone). */
export const GRACE_SECONDS = 30
/** The daily quiz: this many questions, avoiding those answered correctly in this many days. */
export const DAILY_QUESTIONS = 5
export const DAILY_FRESH_DAYS = 30

/**
 * The client's `Idempotency-Key`: a retried start returns the same attempt, a retried submission the
 * same graded result. Null when the client sent none (the old behaviour); a 400 when it is malformed.
 */
export const parseIdempotencyKey = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(value))
    throw new QuizError(400, 'Idempotency-Key 必须是 8–100 位的字母、数字、下划线或连字符（每次开始或交卷生成一个，重试时沿用）')
  return value
}

const shuffle = <T>(items: T[]): T[] => {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** Questions the member answered correctly in the last `days` days (the daily quiz avoids them). */
const recentlyCorrect = async (client: Queryable, memberId: number, since: Date): Promise<Set<number>> =>
  new Set(await questionsRightSince(client, memberId, since))

const paperQuestions = async (payload: Payload, paper: PaperEntry[]): Promise<PaperQuestion[]> => {
  const { docs } = await payload.find({
    collection: 'questions',
    where: { id: { in: paper.map((p) => p.questionId) } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { type: true, stem: true, options: true },
  })
  const byId = new Map(docs.map((d) => [d.id, d]))
  return paper.map(({ questionId, optionOrder }) => {
    const q = byId.get(questionId)!
    return {
      id: questionId,
      type: q.type,
      stem: q.stem,
      // Text only: whether an option is correct never leaves the server before grading.
      options: optionOrder.map((orig, pos) => ({ key: optionKey(pos), text: q.options?.[orig]?.text ?? '' })),
    }
  })
}

/**
 * Starts (or resumes) an attempt: checks the quiz is open to the member and the attempt limit,
 * then fixes the questions, their option order and the deadline on the server.
 */
export const startAttempt = async (
  payload: Payload,
  user: User,
  quizId: number,
  now = new Date(),
  options: { key?: string | null } = {},
) => {
  const quiz = await payload
    .findByID({ collection: 'quizzes', id: quizId, depth: 0, overrideAccess: false, user })
    .catch(nullUnlessUnavailable)
  if (!quiz || quiz._status !== 'published') throw new QuizError(404, '找不到该测验，或它不面向您')
  const memberId = user.id as number
  const organizationId = idOf((user as { organization?: unknown }).organization) as number | null
  const day = shanghaiDay(now)
  const daily = quiz.mode === 'daily'
  const key = options.key ?? null

  const attempt = await transact(payload, async (tx) => {
    // The member's row lock serialises their starts, so a key is looked up and inserted atomically
    // (the unique index on member and key backs this up).
    await lockMember(tx, memberId, now)
    if (key) {
      const same = await attemptByStartKey(tx, memberId, key)
      if (same) {
        if (Number(same.quiz_id) !== quizId) throw new QuizError(409, '这个 Idempotency-Key 已用于另一个测验：每次开始答题请生成新的标识')
        return same
      }
    }
    if (quiz.opensAt && new Date(quiz.opensAt) > now) throw new QuizError(409, `测验将于 ${formatAdminDateTime(quiz.opensAt)} 开放`)
    if (quiz.closesAt && new Date(quiz.closesAt) <= now) throw new QuizError(409, '测验已截止')
    const open = await openAttempt(tx, memberId, quizId, now, daily ? day : undefined)
    if (open) return open

    const used = await attemptsStarted(tx, memberId, quizId, daily ? day : undefined)
    const limit = daily ? Math.max(1, quiz.attemptsAllowed ?? 1) : (quiz.attemptsAllowed ?? 0)
    if (limit > 0 && used >= limit) {
      throw new QuizError(409, daily ? '今天的每日答题已经完成，明天再来' : `该测验最多可作答 ${limit} 次，您已用完`)
    }

    // A quiz the member may retake without limit would let them read an open competition's answers
    // off their scores, attempt after attempt: its paper leaves out the questions a competition
    // holds, where any others remain (limited quizzes keep them; their verdicts are withheld).
    const retakable = quiz.mode !== 'competition' && !daily && !((quiz.attemptsAllowed ?? 0) > 0)
    const unheld = async (candidates: number[]) => {
      if (!retakable) return candidates
      const held = await heldQuestionIds(payload, candidates, now, tx.req)
      const rest = candidates.filter((id) => !held.has(id))
      return rest.length ? rest : candidates
    }
    let ids: number[]
    if (quiz.questionSource === 'fixed') {
      ids = await unheld((quiz.questions ?? []).map((q) => idOf(q) as number))
      if (quiz.shuffleQuestions) ids = shuffle(ids)
    } else {
      const count = daily ? DAILY_QUESTIONS : (quiz.draw?.count ?? 1)
      const pool = await payload.find({
        collection: 'questions',
        where: drawWhere(quiz.draw ?? {}),
        depth: 0,
        limit: 0,
        pagination: false,
        overrideAccess: true,
        select: { type: true },
        req: tx.req,
      })
      let candidates = await unheld(pool.docs.map((d) => d.id as number))
      if (daily) {
        // Avoid what the member got right lately, where the bank has enough other questions.
        const known = await recentlyCorrect(tx, memberId, new Date(now.getTime() - DAILY_FRESH_DAYS * 86_400_000))
        const fresh = candidates.filter((id) => !known.has(id))
        candidates =
          fresh.length >= count
            ? fresh
            : [...shuffle(fresh), ...shuffle(candidates.filter((id) => known.has(id)))].slice(0, Math.max(count, fresh.length))
      }
      ids = shuffle(candidates).slice(0, count)
    }
    if (!ids.length) throw new QuizError(409, '该测验暂时没有题目')
    const { docs } = await payload.find({
      collection: 'questions',
      where: { id: { in: ids } },
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: true,
      select: { options: true },
      req: tx.req,
    })
    const optionCount = new Map(docs.map((d) => [d.id, d.options?.length ?? 0]))
    const paper: PaperEntry[] = ids.map((questionId) => {
      const order = Array.from({ length: optionCount.get(questionId) ?? 0 }, (_, i) => i)
      return { questionId, optionOrder: quiz.shuffleOptions ? shuffle(order) : order }
    })
    let deadline = quiz.timeLimitMinutes ? new Date(now.getTime() + quiz.timeLimitMinutes * 60_000) : null
    if (quiz.closesAt && (!deadline || new Date(quiz.closesAt) < deadline)) deadline = new Date(quiz.closesAt)
    const id = await insertAttempt(tx, {
      member: memberId,
      organization: organizationId,
      quiz: quizId,
      mode: quiz.mode,
      day,
      startedAt: now,
      deadline,
      paper,
      key,
    })
    return { id, paper, deadline, status: 'open' }
  })

  return {
    attemptId: attempt.id,
    quizId,
    title: quiz.title,
    mode: quiz.mode,
    passScore: quiz.passScore,
    deadline: attempt.deadline ? new Date(attempt.deadline).toISOString() : null,
    status: attempt.status as 'open' | 'submitted',
    questions: await paperQuestions(payload, attempt.paper),
  }
}

export type SubmitResult = {
  attemptId: number
  score: number
  passScore: number
  passed: boolean
  correctCount: number
  total: number
  /**
   * Each question's verdict; its correct answer and explanation only when the member answered it and
   * no knowledge competition that has not closed uses it (`answerShown`, else `note` says why).
   */
  results: RevealedQuestion[]
}

type Quiz = { passScore?: number | null; partialCredit?: boolean | null }

/** Each question of a paper graded against the given answers, with the correct answer and explanation (for the server: see revealed). */
const gradePaper = async (payload: Payload, quiz: Quiz, paper: PaperEntry[], given: Record<string, unknown>, req?: PayloadRequest) => {
  const { docs } = await payload.find({
    collection: 'questions',
    where: { id: { in: paper.map((p) => p.questionId) } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const byId = new Map(docs.map((d) => [d.id, d]))
  let sum = 0
  const results = paper.map(({ questionId, optionOrder }) => {
    const q = byId.get(questionId)!
    const yours = (given[String(questionId)] as string[] | undefined) ?? []
    const share = gradeQuestion(q as GradableQuestion, optionOrder, yours, Boolean(quiz.partialCredit))
    sum += share
    return {
      questionId,
      stem: q.stem,
      correct: share === 1,
      yourAnswer: yours,
      correctAnswer: correctKeys(q as GradableQuestion, optionOrder),
      explanation: q.explanation ?? null,
    }
  })
  return { results, sum }
}

/** The graded questions as the member may see them (reveal.ts): keys only for answered questions no open competition uses. */
const revealed = async (
  payload: Payload,
  results: Awaited<ReturnType<typeof gradePaper>>['results'],
  given: Record<string, unknown>,
  now: Date,
  req?: PayloadRequest,
) => {
  const held = await heldQuestionIds(
    payload,
    results.map((r) => r.questionId),
    now,
    req,
  )
  return results.map((r) => revealQuestion(r, given[String(r.questionId)] as unknown[] | undefined, held))
}

type StoredAttempt = StoredAttemptRow

/** The result an earlier submission recorded, answered again for a retried request with its key. */
const recordedResult = async (payload: Payload, attempt: StoredAttempt, now: Date, req?: PayloadRequest): Promise<SubmitResult> => {
  const quiz = await payload.findByID({ collection: 'quizzes', id: attempt.quiz_id, depth: 0, overrideAccess: true, req })
  const { results } = await gradePaper(payload, quiz, attempt.paper, attempt.answers ?? {}, req)
  // What was recorded counts (the questions may have been edited since): scores and verdicts as stored.
  const stored = new Map((attempt.results ?? []).map((r) => [r.questionId, r.correct]))
  return {
    attemptId: attempt.id,
    score: Number(attempt.score),
    passScore: quiz.passScore ?? 60,
    passed: Boolean(attempt.passed),
    correctCount: Number(attempt.correct_count),
    total: results.length,
    results: await revealed(
      payload,
      results.map((r) => ({ ...r, correct: stored.get(r.questionId) ?? r.correct })),
      attempt.answers ?? {},
      now,
      req,
    ),
  }
}

/**
 * A submitted attempt of the member's as they may see it at `now` (the reveal rules apply then, so
 * a competition that has since closed shows its keys), with its questions as the paper showed them:
 * the daily quiz's result stays on its page after the day's attempt. Null if it is not theirs.
 */
export const attemptResult = async (
  payload: Payload,
  memberId: number,
  attemptId: number,
  now = new Date(),
): Promise<(SubmitResult & { questions: PaperQuestion[] }) | null> => {
  const attempt = await submittedAttempt(poolOf(payload), attemptId, memberId)
  if (!attempt) return null
  const [result, questions] = await Promise.all([recordedResult(payload, attempt, now), paperQuestions(payload, attempt.paper)])
  return { ...result, questions }
}

/**
 * Grades a submission on the server and records it in one transaction: the attempt, the daily
 * quiz points, and a passed lesson quiz's effect on the lesson. Late or repeated submissions are
 * refused; nothing is half-written if any step fails. With an idempotency key, a repeated
 * submission carrying the key that was recorded gets the recorded result again (a retry after a
 * lost answer); any other repeat is refused.
 */
export const submitAttempt = async (
  payload: Payload,
  user: User,
  attemptId: number,
  answers: unknown,
  now = new Date(),
  options: { key?: string | null; beforeCommit?: () => Promise<void> } = {},
): Promise<SubmitResult> => {
  if (!answers || typeof answers !== 'object' || Array.isArray(answers))
    throw new QuizError(400, 'answers 必须是 { 题目编号: [答案…] } 的对象')
  const given = answers as Record<string, unknown>
  for (const [k, v] of Object.entries(given)) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.length > 200))
      throw new QuizError(400, `第 ${k} 题的答案必须是字符串数组`)
  }
  const memberId = user.id as number
  const key = options.key ?? null
  return transact(payload, async (tx) => {
    await lockMember(tx, memberId, now)
    const attempt = await attemptForUpdate(tx, attemptId, memberId)
    if (!attempt) throw new QuizError(404, '找不到这次答题')
    if (attempt.status === 'submitted') {
      if (key && attempt.submit_key === key) return recordedResult(payload, attempt, now, tx.req)
      throw new QuizError(409, '这次答题已经交卷，不能重复提交')
    }
    if (attempt.deadline && now.getTime() > new Date(attempt.deadline).getTime() + GRACE_SECONDS * 1000) {
      throw new QuizError(409, '已超过答题时限，本次作答未被记录')
    }
    // Answers to questions this paper does not hold are a client error, not something to ignore.
    const onPaper = new Set(attempt.paper.map((p) => String(p.questionId)))
    const stray = Object.keys(given).filter((k) => !onPaper.has(k))
    if (stray.length) throw new QuizError(400, `第 ${stray.slice(0, 3).join('、')} 题不在这次答题的试卷上`)
    const quiz = await payload.findByID({ collection: 'quizzes', id: attempt.quiz_id, depth: 0, overrideAccess: true, req: tx.req })
    const { results, sum } = await gradePaper(payload, quiz, attempt.paper, given, tx.req)
    const total = results.length
    const score = total ? Math.round((100 * sum) / total) : 0
    const passed = score >= (quiz.passScore ?? 60)
    const correctCount = results.filter((r) => r.correct).length
    await recordSubmission(tx, {
      attempt: attemptId,
      at: now,
      answers: given,
      results: results.map((r) => ({ questionId: r.questionId, correct: r.correct })),
      score,
      correctCount,
      passed,
      key,
    })
    const base = { memberId, organizationId: attempt.organization_id, at: now }
    if (quiz.mode === 'daily' && correctCount) {
      await awardPoints(tx, await pointRules(payload, tx.req), {
        ...base,
        rule: 'dailyQuiz',
        eventKey: `quiz-attempt:${attemptId}`,
        times: correctCount,
      })
    }
    if (quiz.mode === 'lesson' && passed) await lessonQuizPassed(payload, tx, quiz.id as number, base)
    await options.beforeCommit?.()
    return {
      attemptId,
      score,
      passScore: quiz.passScore ?? 60,
      passed,
      correctCount,
      total,
      results: await revealed(payload, results, given, now, tx.req),
    }
  })
}

/** Marks the quiz passed on each lesson that uses it, completing a lesson that was waiting for it. */
const lessonQuizPassed = async (
  payload: Payload,
  tx: Tx,
  quizId: number,
  base: { memberId: number; organizationId: number | null; at: Date },
) => {
  const lessons = await payload.find({
    collection: 'micro-lessons',
    where: { quiz: { equals: quizId } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { kind: true },
    req: tx.req,
  })
  for (const { id } of lessons.docs) {
    const meta = await itemMeta(payload, 'micro-lessons', id as number, tx.req)
    if (!meta) continue
    const p = await lessonQuizPassedAt(tx, { member: base.memberId, organization: base.organizationId, lesson: id as number, at: base.at })
    const seconds = p.seconds_credited
    const position = p.position
    const rules = await studyRules(payload, tx.req)
    const furthest = Math.max(position, p.furthest_position)
    if (
      p.completed_at ||
      !meta.quizRequired ||
      !conditionsMet(
        meta,
        seconds,
        meta.kind === 'article' ? position : furthest,
        meta.kind === 'article' && position >= 0.99,
        rules.completionShare,
      )
    )
      continue
    // Its 学时 as far as the credited time allows, as study_credit_beats credits them; and, as there,
    // only while the lesson is published, read in this statement (a withdrawal made by another
    // worker is not in this process's item cache for up to a minute).
    const completed = await completeLessonIfPublished(tx, {
      member: base.memberId,
      lesson: id as number,
      at: base.at,
      hours: creditedHours(meta.creditHours, seconds, rules.minutesPerCreditHour),
    })
    if (!completed) continue
    await afterCompletion(payload, tx, meta, base)
  }
}
