import type { Endpoint, PayloadHandler } from 'payload'

import { QuizError, startAttempt, submitAttempt } from './attempts'
import { leaderboard } from './leaderboard'

const fail = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

const guarded =
  (work: PayloadHandler): PayloadHandler =>
  async (req) => {
    if (!req.user) return fail(401, '请先登录')
    try {
      return await work(req)
    } catch (e) {
      if (e instanceof QuizError) return fail(e.status, e.message)
      throw e
    }
  }

const body = async (req: Parameters<PayloadHandler>[0]) => {
  try {
    return ((await req.json?.()) ?? {}) as Record<string, unknown>
  } catch {
    throw new QuizError(400, '请求内容必须是 JSON')
  }
}

/** POST /api/quiz-attempts/start {quizId}, POST /api/quiz-attempts/:id/submit {answers}, GET …/leaderboard?quiz= */
export const quizAttemptEndpoints: Endpoint[] = [
  {
    path: '/start',
    method: 'post',
    handler: guarded(async (req) => {
      const quizId = Number((await body(req)).quizId)
      if (!Number.isInteger(quizId) || quizId <= 0) throw new QuizError(400, 'quizId 必须是测验编号')
      return Response.json(await startAttempt(req.payload, req.user!, quizId))
    }),
  },
  {
    path: '/:id/submit',
    method: 'post',
    handler: guarded(async (req) => {
      const id = Number(req.routeParams?.id)
      if (!Number.isInteger(id) || id <= 0) throw new QuizError(400, '答题编号不正确')
      return Response.json(await submitAttempt(req.payload, req.user!, id, (await body(req)).answers))
    }),
  },
  {
    path: '/leaderboard',
    method: 'get',
    handler: guarded(async (req) => {
      const quizId = Number(new URL(req.url ?? 'http://x').searchParams.get('quiz'))
      if (!Number.isInteger(quizId) || quizId <= 0) throw new QuizError(400, 'quiz 参数必须是测验编号')
      return Response.json(await leaderboard(req.payload, req.user!, quizId))
    }),
  },
]
