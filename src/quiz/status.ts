import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { attemptsPerQuiz } from './queries'
import { shanghaiDay } from '../dates'

/**
 * Where a member stands with each quiz, for the quiz list, the quiz page and 首页: attempts handed
 * in, best score, whether passed, and how many attempts are left — for the daily quiz counted within
 * today (Asia/Shanghai), as startAttempt counts them, so the page never offers an attempt the server
 * would refuse with a 409.
 */
export type QuizStatus = {
  quizId: number
  /** Submitted attempts, all days (for the daily quiz: today's). */
  submitted: number
  best: number | null
  passed: boolean
  /** Attempts still to start or resume; null when the quiz has no limit. */
  left: number | null
  /** The latest submitted attempt (today's, for the daily quiz), for its result. */
  latest: { attemptId: number; score: number; passed: boolean; submittedAt: string } | null
}

type QuizRef = { id: number; mode: string; attemptsAllowed?: number | null }

/** The attempt limit startAttempt applies: the daily quiz at least once a day, other quizzes as set (0 = unlimited). */
export const attemptLimit = (quiz: Pick<QuizRef, 'mode' | 'attemptsAllowed'>) =>
  quiz.mode === 'daily' ? Math.max(1, quiz.attemptsAllowed ?? 1) : (quiz.attemptsAllowed ?? 0)

/**
 * When the next daily quiz opens: the start of the next day in Asia/Shanghai (UTC+8 all year, no
 * daylight saving since 1991).
 */
export const nextDailyOpening = (now: Date): Date => {
  const [y, m, d] = shanghaiDay(now).split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3_600_000)
}

/** The member's standing with each of these quizzes, in two queries whatever their number. */
export const quizStatuses = async (
  payload: Payload,
  memberId: number,
  quizzes: QuizRef[],
  now = new Date(),
): Promise<Map<number, QuizStatus>> => {
  const out = new Map<number, QuizStatus>()
  if (!quizzes.length) return out
  const day = shanghaiDay(now)
  const daily = quizzes.filter((q) => q.mode === 'daily').map((q) => q.id)
  const rows = await attemptsPerQuiz(
    poolOf(payload),
    memberId,
    quizzes.map((q) => q.id),
    daily,
    now,
    day,
  )
  const byQuiz = new Map(rows.map((r) => [Number(r.quiz_id), r]))
  for (const q of quizzes) {
    const r = byQuiz.get(q.id)
    const limit = attemptLimit(q)
    const used = r?.used ?? 0
    // An open attempt within its time counts as used but can still be resumed.
    const left = limit > 0 ? Math.max(0, limit - used) + (r?.open_now ? 1 : 0) : null
    out.set(q.id, {
      quizId: q.id,
      submitted: r?.submitted ?? 0,
      best: r?.best === null || r?.best === undefined ? null : Number(r.best),
      passed: Boolean(r?.passed),
      left,
      latest:
        r && r.latest_id !== null
          ? {
              attemptId: Number(r.latest_id),
              score: Number(r.latest_score),
              passed: Boolean(r.latest_passed),
              submittedAt: new Date(r.latest_at!).toISOString(),
            }
          : null,
    })
  }
  return out
}
