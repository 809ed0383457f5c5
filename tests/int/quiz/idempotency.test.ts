import { REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { poolOf } from '../../../src/db/pool'
import { REVIEW_TRANSITION } from '../../../src/workflow/config'
import { personData, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'
import { freshMember } from '../../helpers/study'
import type { RestBody } from '../../helpers/rest'

/**
 * The quiz endpoints' `Idempotency-Key`: a client that lost an answer (network, a restarting server)
 * repeats its request with the same key and gets the same attempt or the same graded result, never a
 * second attempt, while repeats without the key keep the old behaviour (409 after submission).
 */
let payload: Payload
const post = REST_POST(config)
const PASSWORD = personData('').password

beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

/** A published topic test of two true/false questions (answer: 'wrong'). */
const twoQuestionQuiz = async (data: Record<string, unknown> = {}) => {
  const theme = (await payload.find({ collection: 'themes', limit: 1, depth: 0 })).docs[0].id
  const questions = []
  for (let i = 0; i < 2; i++) {
    questions.push(
      (
        await payload.create({
          collection: 'questions',
          depth: 0,
          data: {
            type: 'trueFalse',
            difficulty: 'easy',
            themes: [theme],
            stem: unique('判断'),
            trueFalseAnswer: 'wrong',
            explanation: '解析',
          },
        })
      ).id,
    )
  }
  return payload.create({
    collection: 'quizzes',
    context: { [REVIEW_TRANSITION]: true },
    depth: 0,
    data: {
      title: unique('幂等测验'),
      mode: 'topic',
      questionSource: 'fixed',
      questions,
      passScore: 60,
      attemptsAllowed: 0,
      _status: 'published',
      reviewState: 'published',
      ...data,
    },
  })
}

const session = async (m: TestUser) => {
  const token = (await payload.login({ collection: 'users', data: { email: m.email, password: PASSWORD } })).token!
  const call = async (path: string, body: unknown, key?: string) => {
    const headers: Record<string, string> = { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }
    if (key !== undefined) headers['Idempotency-Key'] = key
    const res = await post(new Request(`http://localhost/api/${path}`, { method: 'POST', headers, body: JSON.stringify(body) }), {
      params: Promise.resolve({ slug: path.split('/') }),
    })
    // A start answers the attempt and its paper; a submission its result.
    return { status: res.status, json: (await res.json()) as RestBody & { attemptId: number; questions: Array<{ id: number }> } }
  }
  return {
    start: (quizId: number | string, key?: string) => call('quiz-attempts/start', { quizId }, key),
    submit: (attemptId: number, answers: Record<string, string[]>, key?: string) =>
      call(`quiz-attempts/${attemptId}/submit`, { answers }, key),
  }
}

const attemptsOf = async (memberId: number | string) =>
  (
    await poolOf(payload).query<{ id: number; status: string; start_key: string | null; submit_key: string | null; score: string | null }>(
      'SELECT id, status, start_key, submit_key, score FROM quiz_attempts WHERE member_id = $1 ORDER BY id',
      [memberId],
    )
  ).rows

const allWrong = (questions: Array<{ id: number }>) => Object.fromEntries(questions.map((q) => [q.id, ['correct']]))
const allRight = (questions: Array<{ id: number }>) => Object.fromEntries(questions.map((q) => [q.id, ['wrong']]))
const key = () => unique('key').replace(/[^\w-]/g, '-')

describe('Idempotency-Key on starting an attempt', () => {
  it('answers a retried start with the same attempt, even after it was submitted, and a new key with a new one', async () => {
    const z = await twoQuestionQuiz()
    const m = await freshMember(payload)
    const api = await session(m)
    const k1 = key()
    const first = await api.start(z.id, k1)
    expect(first.status).toBe(200)
    expect((await api.start(z.id, k1)).json.attemptId).toBe(first.json.attemptId)

    expect((await api.submit(first.json.attemptId, allRight(first.json.questions), key())).status).toBe(200)
    // Without the key a start after submission opens a new attempt; with the key it is the same request.
    const again = await api.start(z.id, k1)
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ attemptId: first.json.attemptId, status: 'submitted' })
    expect(again.json.questions.map((q: { id: number }) => q.id)).toEqual(first.json.questions.map((q: { id: number }) => q.id))
    expect(await attemptsOf(m.id)).toHaveLength(1)

    const second = await api.start(z.id, key())
    expect(second.json.attemptId).not.toBe(first.json.attemptId)
    expect(await attemptsOf(m.id)).toHaveLength(2)
    // The same key for another quiz is a client bug, refused rather than answered with the wrong paper.
    const other = await twoQuestionQuiz()
    const misuse = await api.start(other.id, k1)
    expect(misuse.status).toBe(409)
    expect(misuse.json.errors[0].message).toMatch(/另一个测验/)
  })

  it('creates exactly one attempt for concurrent starts with the same key', async () => {
    const z = await twoQuestionQuiz()
    const m = await freshMember(payload)
    const api = await session(m)
    // A submitted attempt first, so the key (not the resumption of an open attempt) must tie them together.
    const old = await api.start(z.id)
    await api.submit(old.json.attemptId, allRight(old.json.questions))
    const k = key()
    const replies = await Promise.all(Array.from({ length: 6 }, () => api.start(z.id, k)))
    expect(replies.map((r) => r.status)).toEqual(Array(6).fill(200))
    expect(new Set(replies.map((r) => r.json.attemptId)).size).toBe(1)
    const rows = await attemptsOf(m.id)
    expect(rows).toHaveLength(2)
    expect(rows.filter((r) => r.start_key === k)).toHaveLength(1)
  })

  it('refuses a malformed key with 400 and a message in Chinese', async () => {
    const z = await twoQuestionQuiz()
    const m = await freshMember(payload)
    const api = await session(m)
    for (const bad of ['short', 'x'.repeat(101), 'key/with/slash', 'has space here', 'semi;colon;key']) {
      const r = await api.start(z.id, bad)
      expect(r.status, bad).toBe(400)
      expect(r.json.errors[0].message).toMatch(/Idempotency-Key 必须是 8–100 位/)
    }
    expect(await attemptsOf(m.id)).toHaveLength(0)
  })
})

describe('Idempotency-Key on submitting', () => {
  it('answers a retried submission with the recorded result and 200; another key or none still gets 409', async () => {
    const z = await twoQuestionQuiz({ mode: 'daily', attemptsAllowed: 1 })
    const m = await freshMember(payload)
    const api = await session(m)
    const started = await api.start(z.id, key())
    const k = key()
    const first = await api.submit(started.json.attemptId, allRight(started.json.questions), k)
    expect(first.status).toBe(200)
    expect(first.json).toMatchObject({ score: 100, passed: true, correctCount: 2, total: 2 })
    // The retry carries different answers (the member changed one before tapping again): the recorded submission counts.
    const retry = await api.submit(started.json.attemptId, allWrong(started.json.questions), k)
    expect(retry.status).toBe(200)
    expect(retry.json).toEqual(first.json)

    for (const other of [key(), undefined]) {
      const r = await api.submit(started.json.attemptId, allRight(started.json.questions), other)
      expect(r.status).toBe(409)
      expect(r.json.errors[0].message).toMatch(/已经交卷/)
    }
    const rows = await attemptsOf(m.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'submitted', submit_key: k })
    // The daily quiz's points (1 a correct answer) were awarded once.
    const points = await poolOf(payload).query<{ n: string }>(
      `SELECT coalesce(sum(points), 0) AS n FROM points_ledger WHERE member_id = $1 AND rule = 'dailyQuiz'`,
      [m.id],
    )
    expect(Number(points.rows[0].n)).toBe(2)
  })

  it('grades concurrent submissions once: the same key gets the same result, other keys 409', async () => {
    const z = await twoQuestionQuiz()
    const m = await freshMember(payload)
    const api = await session(m)
    const started = await api.start(z.id, key())
    const k = key()
    const same = await Promise.all(Array.from({ length: 5 }, () => api.submit(started.json.attemptId, allRight(started.json.questions), k)))
    expect(same.map((r) => r.status)).toEqual(Array(5).fill(200))
    expect(new Set(same.map((r) => JSON.stringify(r.json))).size).toBe(1)

    const next = await api.start(z.id, key())
    const racing = await Promise.all(Array.from({ length: 4 }, () => api.submit(next.json.attemptId, allRight(next.json.questions), key())))
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409, 409])
    expect((await attemptsOf(m.id)).map((r) => r.status)).toEqual(['submitted', 'submitted'])
  })

  it('refuses a malformed key on submission and records nothing', async () => {
    const z = await twoQuestionQuiz()
    const m = await freshMember(payload)
    const api = await session(m)
    const started = await api.start(z.id)
    const r = await api.submit(started.json.attemptId, allRight(started.json.questions), 'bad key!')
    expect(r.status).toBe(400)
    expect((await attemptsOf(m.id))[0].status).toBe('open')
  })
})
