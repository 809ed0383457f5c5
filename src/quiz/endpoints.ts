import type { Endpoint, PayloadHandler } from 'payload'

import { carriesToken, DATABASE_UNAVAILABLE_MESSAGE, databaseDown, isDatabaseUnavailable } from '../db/unavailable'
import { parseIdempotencyKey, QuizError, startAttempt, submitAttempt } from './attempts'
import { leaderboard } from './leaderboard'
import { practise } from './wrongBook'
import { clientIp } from '../audit/record'
import { consume, RateLimitError } from '../auth/rateLimit'
import { checkQueryNames, parseId, parseJsonObject, unknownFields } from '../validation/input'

const fail = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

const guarded =
  (work: PayloadHandler): PayloadHandler =>
  async (req) => {
    if (!req.user) {
      // A signed-in member whose user could not be read because the database is down: 503, not "please log in".
      if (carriesToken(req.headers, req.payload.config.cookiePrefix) && (await databaseDown(req.payload)))
        return fail(503, DATABASE_UNAVAILABLE_MESSAGE)
      return fail(401, '请先登录')
    }
    try {
      // Starting and submitting are counted per account and per address (429 past the limit).
      if (req.method === 'POST') await consume('quiz', { account: req.user.id, address: clientIp(req) })
      return await work(req)
    } catch (e) {
      if (e instanceof RateLimitError) return fail(429, e.message)
      if (e instanceof QuizError) return fail(e.status, e.message)
      // Not acknowledged: the client retries with the same idempotency key, safe whether or not it committed.
      if (isDatabaseUnavailable(e)) return fail(503, DATABASE_UNAVAILABLE_MESSAGE)
      throw e
    }
  }

/** The JSON object body, with only the named fields (src/validation/input.ts: type, syntax, nesting). */
const body = async (req: Parameters<PayloadHandler>[0], fields: readonly string[]) => {
  const parsed = parseJsonObject((await req.text?.()) ?? '', req.headers.get('content-type'))
  if (!parsed.ok) throw new QuizError(parsed.status, parsed.message)
  const unknown = unknownFields(parsed.value, fields)
  if (unknown) throw new QuizError(unknown.status, unknown.message)
  return parsed.value
}

/**
 * POST /api/quiz-attempts/start {quizId}, POST /api/quiz-attempts/:id/submit {answers}, POST …/practice
 * {questionId, answer} (错题本), GET …/leaderboard?quiz=.
 * Start and submit take an optional `Idempotency-Key` header (8–100 of A–Z a–z 0–9 _ -): a retry
 * with the same key returns the same attempt, or the same graded result with 200.
 */
export const quizAttemptEndpoints: Endpoint[] = [
  {
    path: '/start',
    method: 'post',
    handler: guarded(async (req) => {
      const quizId = parseId((await body(req, ['quizId'])).quizId)
      if (quizId === null) throw new QuizError(400, 'quizId 必须是测验编号（正整数）')
      const key = parseIdempotencyKey(req.headers.get('idempotency-key'))
      return Response.json(await startAttempt(req.payload, req.user!, quizId, new Date(), { key }))
    }),
  },
  {
    path: '/:id/submit',
    method: 'post',
    handler: guarded(async (req) => {
      const id = parseId(req.routeParams?.id)
      if (id === null) throw new QuizError(404, '找不到这次答题：编号必须是正整数')
      const key = parseIdempotencyKey(req.headers.get('idempotency-key'))
      return Response.json(await submitAttempt(req.payload, req.user!, id, (await body(req, ['answers'])).answers, new Date(), { key }))
    }),
  },
  {
    // 错题本 practice (src/quiz/wrongBook.ts): {questionId, answer: [...]} → graded, no attempt, no points.
    path: '/practice',
    method: 'post',
    handler: guarded(async (req) => {
      const input = await body(req, ['questionId', 'answer'])
      const questionId = parseId(input.questionId)
      if (questionId === null) throw new QuizError(400, 'questionId 必须是题目编号（正整数）')
      return Response.json(await practise(req.payload, req.user!, questionId, input.answer))
    }),
  },
  {
    path: '/leaderboard',
    method: 'get',
    handler: guarded(async (req) => {
      const params = new URL(req.url ?? 'http://x').searchParams
      const names = checkQueryNames(params, ['quiz'])
      if (names) throw new QuizError(names.status, names.message)
      const quizId = parseId(params.get('quiz'))
      if (quizId === null) throw new QuizError(400, 'quiz 参数必须是测验编号（正整数）')
      return Response.json(await leaderboard(req.payload, req.user!, quizId))
    }),
  },
]
