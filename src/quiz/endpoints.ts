import { anyValue, id } from '../http/input'
import { defineRoute } from '../http/route'
import { parseIdempotencyKey, QuizError, startAttempt, submitAttempt } from './attempts'
import { leaderboard } from './leaderboard'
import { practise } from './wrongBook'
import { parseId } from '../validation/input'

/**
 * POST /api/quiz-attempts/start {quizId}, POST /api/quiz-attempts/:id/submit {answers}, POST …/practice
 * {questionId, answer} (错题本), GET …/leaderboard?quiz=. Starting and submitting are counted per
 * account and per address (429 past the limit).
 * Start and submit take an optional `Idempotency-Key` header (8–100 of A–Z a–z 0–9 _ -): a retry
 * with the same key returns the same attempt, or the same graded result with 200.
 */
export const quizRoutes = [
  defineRoute({
    method: 'post',
    path: '/quiz-attempts/start',
    collection: 'quiz-attempts',
    callers: 'signedIn',
    rateLimit: 'quiz',
    body: { quizId: id('测验编号') },
    handler: async (req, { body }) => {
      const key = parseIdempotencyKey(req.headers.get('idempotency-key'))
      return Response.json(await startAttempt(req.payload, req.user!, body.quizId, new Date(), { key }))
    },
  }),
  defineRoute({
    method: 'post',
    path: '/quiz-attempts/:id/submit',
    collection: 'quiz-attempts',
    callers: 'signedIn',
    rateLimit: 'quiz',
    body: { answers: anyValue },
    handler: async (req, { body, params }) => {
      const attemptId = parseId(params.id)
      if (attemptId === null) throw new QuizError(404, '找不到这次答题：编号必须是正整数')
      const key = parseIdempotencyKey(req.headers.get('idempotency-key'))
      return Response.json(await submitAttempt(req.payload, req.user!, attemptId, body.answers, new Date(), { key }))
    },
  }),
  defineRoute({
    // 错题本 practice (src/quiz/wrongBook.ts): {questionId, answer: [...]} → graded, no attempt, no points.
    method: 'post',
    path: '/quiz-attempts/practice',
    collection: 'quiz-attempts',
    callers: 'signedIn',
    rateLimit: 'quiz',
    body: { questionId: id('题目编号'), answer: anyValue },
    handler: async (req, { body }) => Response.json(await practise(req.payload, req.user!, body.questionId, body.answer)),
  }),
  defineRoute({
    method: 'get',
    path: '/quiz-attempts/leaderboard',
    collection: 'quiz-attempts',
    callers: 'signedIn',
    query: { quiz: id('测验编号') },
    handler: async (req, { query }) => Response.json(await leaderboard(req.payload, req.user!, query.quiz)),
  }),
]
