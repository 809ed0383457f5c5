import { GRAPHQL_POST, REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { myPoints } from '../../../src/points/read'
import { QuizError, startAttempt, submitAttempt } from '../../../src/quiz/attempts'
import { leaderboard } from '../../../src/quiz/leaderboard'
import { myWrongAnswers } from '../../../src/quiz/read'
import { myProgress } from '../../../src/study/read'
import { clearItemCache } from '../../../src/study/items'
import { poolOf } from '../../../src/db/pool'
import { REVIEW_TRANSITION } from '../../../src/workflow/config'
import { rejectsWithStatus, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'
import type { Question } from '../../../src/payload-types'
import { after, beat, freshMember, publishedLesson } from '../../helpers/study'

let payload: Payload
const SYSTEM = { [REVIEW_TRANSITION]: true }
const ANSWER_KEYS = ['isCorrect', 'trueFalseAnswer', 'fillInAnswers', 'explanation', 'correctAnswer']

beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

/** A theme of its own (the seeded 四史 competition draws from the seeded history themes and holds their answers back). */
const freshTheme = async () =>
  (await payload.create({ collection: 'themes', depth: 0, data: { name: unique('测试专题'), slug: unique('test-theme') } })).id as number

/** Four questions, one of each type, with known answers. */
const bank = async (theme?: number, difficulty: Question['difficulty'] = 'easy') => {
  theme ??= await freshTheme()
  const make = (data: Omit<RequiredDataFromCollectionSlug<'questions'>, 'difficulty' | 'themes' | 'explanation'>) =>
    payload.create({ collection: 'questions', depth: 0, data: { difficulty, themes: [theme], explanation: '解析', ...data } })
  return {
    single: await make({
      type: 'single',
      stem: unique('单选'),
      options: [
        { text: '甲', isCorrect: false },
        { text: '乙', isCorrect: true },
        { text: '丙', isCorrect: false },
      ],
    }),
    multiple: await make({
      type: 'multiple',
      stem: unique('多选'),
      options: [
        { text: '甲', isCorrect: true },
        { text: '乙', isCorrect: true },
        { text: '丙', isCorrect: false },
      ],
    }),
    trueFalse: await make({ type: 'trueFalse', stem: unique('判断'), trueFalseAnswer: 'wrong' }),
    fillIn: await make({ type: 'fillIn', stem: unique('填空____'), fillInAnswers: [{ answer: '1921' }] }),
  }
}

const quiz = (data: Record<string, unknown>) =>
  payload.create({
    collection: 'quizzes',
    context: SYSTEM,
    depth: 0,
    data: {
      title: unique('测验'),
      mode: 'topic',
      questionSource: 'fixed',
      passScore: 60,
      attemptsAllowed: 0,
      shuffleQuestions: true,
      shuffleOptions: true,
      _status: 'published',
      reviewState: 'published',
      ...data,
    },
  })

/** The right keys for a started paper, found by option text (the paper shuffles options). */
const rightAnswers = (questions: Awaited<ReturnType<typeof startAttempt>>['questions'], wrongFor: number[] = []) =>
  Object.fromEntries(
    questions.map((q) => {
      const wrong = wrongFor.includes(q.id)
      if (q.type === 'trueFalse') return [q.id, [wrong ? 'correct' : 'wrong']]
      if (q.type === 'fillIn') return [q.id, [wrong ? '1927' : '１９２１']]
      const want = q.type === 'single' ? ['乙'] : ['甲', '乙']
      const keys = q.options.filter((o) => (wrong ? !want.includes(o.text) : want.includes(o.text))).map((o) => o.key)
      return [q.id, keys]
    }),
  )

describe('attempts', () => {
  it('fix the paper without answers, grade all four types on the server and explain', async () => {
    const q = await bank()
    const z = await quiz({ questions: Object.values(q).map((x) => x.id) })
    const m = await freshMember(payload)
    const started = await startAttempt(payload, m, z.id)
    expect(started.questions).toHaveLength(4)
    expect(JSON.stringify(started)).not.toMatch(/isCorrect|trueFalseAnswer|fillInAnswers|explanation|1921/)
    // Starting again resumes the same paper.
    expect((await startAttempt(payload, m, z.id)).attemptId).toBe(started.attemptId)

    const result = await submitAttempt(payload, m, started.attemptId, rightAnswers(started.questions, [q.multiple.id]))
    expect(result).toMatchObject({ score: 75, passed: true, correctCount: 3, total: 4 })
    const multiple = result.results.find((r) => r.questionId === q.multiple.id)!
    expect(multiple.correct).toBe(false)
    expect(multiple.explanation).toBe('解析')
    await rejectsWithStatus(submitAttempt(payload, m, started.attemptId, {}), 409)
    // The wrong answer goes into the wrong-answer book.
    expect((await myWrongAnswers(payload, m)).map((w) => w.questionId)).toEqual([q.multiple.id])
  })

  it('refuse late submissions and attempts beyond the limit', async () => {
    const q = await bank()
    const z = await quiz({ questions: [q.single.id], timeLimitMinutes: 1, attemptsAllowed: 1 })
    const m = await freshMember(payload)
    const t0 = new Date()
    const started = await startAttempt(payload, m, z.id, t0)
    expect(new Date(started.deadline!).getTime()).toBe(t0.getTime() + 60_000)
    const late = await rejectsWithStatus(submitAttempt(payload, m, started.attemptId, {}, after(60 + 31, t0)), 409)
    expect(late.message).toMatch(/已超过答题时限/)
    const limit = await rejectsWithStatus(startAttempt(payload, m, z.id, after(200, t0)), 409)
    expect(limit.message).toMatch(/最多可作答 1 次/)
    // Within the grace period it is accepted.
    const m2 = await freshMember(payload)
    const s2 = await startAttempt(payload, m2, z.id, t0)
    await submitAttempt(payload, m2, s2.attemptId, {}, after(60 + 20, t0))
  })

  it('write nothing when the submission fails part-way', async () => {
    const q = await bank()
    const z = await quiz({ mode: 'daily', questionSource: 'fixed', questions: [q.single.id, q.trueFalse.id], attemptsAllowed: 1 })
    const m = await freshMember(payload)
    const started = await startAttempt(payload, m, z.id)
    const failing = submitAttempt(payload, m, started.attemptId, rightAnswers(started.questions), new Date(), {
      beforeCommit: async () => {
        throw new Error('disk full')
      },
    })
    await expect(failing).rejects.toThrow('disk full')
    const { rows } = await poolOf(payload).query('SELECT status, score FROM quiz_attempts WHERE id = $1', [started.attemptId])
    expect(rows[0]).toMatchObject({ status: 'open', score: null })
    expect((await myPoints(payload, m)).total).toBe(0)
    // The member can still submit it, and the daily quiz points (1 a correct answer) arrive once.
    await submitAttempt(payload, m, started.attemptId, rightAnswers(started.questions))
    expect((await myPoints(payload, m)).total).toBe(2)
  })

  it('keep answer keys out of every member-facing response', async () => {
    const q = await bank()
    const z = await quiz({ questions: Object.values(q).map((x) => x.id) })
    const m = await freshMember(payload)
    const token = (await payload.login({ collection: 'users', data: { email: m.email, password: 'Vq7#Lm2$Xr9' } })).token!
    const headers = { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }
    const start = await REST_POST(config)(
      new Request('http://localhost/api/quiz-attempts/start', { method: 'POST', headers, body: JSON.stringify({ quizId: z.id }) }),
      {
        params: Promise.resolve({ slug: ['quiz-attempts', 'start'] }),
      },
    )
    expect(start.status).toBe(200)
    const startedJson = await start.text()
    for (const k of ANSWER_KEYS) expect(startedJson).not.toContain(k)
    const quizRead = await (
      await REST_GET(config)(new Request(`http://localhost/api/quizzes/${z.id}?depth=2`, { headers }), {
        params: Promise.resolve({ slug: ['quizzes', String(z.id)] }),
      })
    ).text()
    for (const k of ['isCorrect', 'trueFalseAnswer', 'fillInAnswers', 'explanation'])
      expect(quizRead).not.toMatch(new RegExp(`"${k}":\\s*("|true|\\[\\{)`))
    const attemptRead = await (
      await REST_GET(config)(new Request(`http://localhost/api/quiz-attempts?depth=2`, { headers }), {
        params: Promise.resolve({ slug: ['quiz-attempts'] }),
      })
    ).text()
    expect(attemptRead).not.toMatch(/"isCorrect":\s*true|"trueFalseAnswer":\s*"|"answer":\s*"1921"/)
    const gql = await GRAPHQL_POST(config)(
      new Request('http://localhost/api/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          query: `{ Quiz(id: ${z.id}) { questions { stem trueFalseAnswer explanation options { text isCorrect } fillInAnswers { answer } } } }`,
        }),
      }),
    )
    const gqlText = await gql.text()
    expect(gqlText).not.toMatch(/"isCorrect":\s*true|"trueFalseAnswer":\s*"wrong"|"answer":\s*"1921"|"explanation":\s*"解析"/)
  })

  it('do not let member A read or submit member B’s attempt', async () => {
    const q = await bank()
    const z = await quiz({ questions: [q.single.id] })
    const a = await freshMember(payload)
    const b = await freshMember(payload)
    const started = await startAttempt(payload, b, z.id)
    await expect(submitAttempt(payload, a, started.attemptId, {})).rejects.toBeInstanceOf(QuizError)
    const seen = await payload.find({
      collection: 'quiz-attempts',
      user: a,
      overrideAccess: false,
      where: { id: { equals: started.attemptId } },
    })
    expect(seen.docs).toHaveLength(0)
    // Nor B's points, and nobody writes points through the API.
    await payload.login({ collection: 'users', data: { email: b.email, password: 'Vq7#Lm2$Xr9' } })
    await expect
      .poll(async () => (await payload.count({ collection: 'points-ledger', where: { member: { equals: b.id } } })).totalDocs)
      .toBeGreaterThan(0)
    expect(
      (await payload.find({ collection: 'points-ledger', user: a, overrideAccess: false, where: { member: { equals: b.id } } })).docs,
    ).toHaveLength(0)
    await rejectsWithStatus(
      payload.create({
        collection: 'points-ledger',
        user: a,
        overrideAccess: false,
        data: { member: a.id, rule: 'login', points: 100, day: '2026-11-21', eventKey: 'x' },
      }),
      403,
    )
  })
})

describe('the daily quiz', () => {
  it('gives five questions a day, avoiding ones answered correctly in the last 30 days', async () => {
    const daily = (await payload.find({ collection: 'quizzes', where: { title: { equals: '每日答题' } }, limit: 1, depth: 0 })).docs[0]
    const m = await freshMember(payload)
    const day1 = new Date('2026-06-01T02:00:00Z')
    const first = await startAttempt(payload, m, daily.id, day1)
    expect(first.questions).toHaveLength(5)
    // Answer all five correctly (read the answer keys on the server side of the test).
    const full = await payload.find({
      collection: 'questions',
      where: { id: { in: first.questions.map((q) => q.id) } },
      depth: 0,
      limit: 0,
    })
    const answers = Object.fromEntries(
      first.questions.map((q) => {
        const doc = full.docs.find((d) => d.id === q.id)!
        if (q.type === 'trueFalse') return [q.id, [doc.trueFalseAnswer!]]
        if (q.type === 'fillIn') return [q.id, [doc.fillInAnswers![0].answer]]
        return [q.id, q.options.filter((o) => doc.options!.find((x) => x.text === o.text)?.isCorrect).map((o) => o.key)]
      }),
    )
    const r = await submitAttempt(payload, m, first.attemptId, answers, after(60, day1))
    expect(r.correctCount).toBe(5)
    await rejectsWithStatus(startAttempt(payload, m, daily.id, after(120, day1)), 409)
    const next = await startAttempt(payload, m, daily.id, new Date('2026-06-02T02:00:00Z'))
    expect(next.questions.map((q) => q.id).filter((id) => first.questions.some((f) => f.id === id))).toEqual([])
  })
})

describe('competitions', () => {
  it('open only inside their window and rank branches and colleges, not people', async () => {
    const q = await bank()
    const now = Date.now()
    const closed = await quiz({
      mode: 'competition',
      questions: [q.single.id],
      timeLimitMinutes: 10,
      opensAt: new Date(now + 86_400_000).toISOString(),
      closesAt: new Date(now + 2 * 86_400_000).toISOString(),
    })
    const member = {
      ...(await payload.find({ collection: 'users', where: { email: { equals: 'member@demo.edu.cn' } }, depth: 0 })).docs[0],
      collection: 'users',
    } as TestUser
    const notYet = await rejectsWithStatus(startAttempt(payload, member, closed.id), 409)
    expect(notYet.message).toMatch(/开放/)

    const open = await quiz({
      mode: 'competition',
      questions: [q.single.id],
      timeLimitMinutes: 10,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    })
    const s = await startAttempt(payload, member, open.id)
    await submitAttempt(payload, member, s.attemptId, rightAnswers(s.questions))
    const token = (await payload.login({ collection: 'users', data: { email: 'member@demo.edu.cn', password: 'Dangjian@2026' } })).token!
    const res = await REST_GET(config)(
      new Request(`http://localhost/api/quiz-attempts/leaderboard?quiz=${open.id}`, { headers: { Authorization: `JWT ${token}` } }),
      {
        params: Promise.resolve({ slug: ['quiz-attempts', 'leaderboard'] }),
      },
    )
    const board = await res.json()
    const branch = board.branches.find((b: { name: string }) => b.name === '信息工程学院本科生第一党支部')
    expect(branch.participants).toBe(1)
    // Issue 13: a branch of one participant would show that person's score; fewer than 5 (平台设置) shows none.
    expect(branch).toMatchObject({ averageScore: null, rank: null, note: '参与人数不足5人，不公布成绩' })
    expect(branch.participationRate).toBeCloseTo(100 / branch.members, 0)
    const college = board.colleges.find((c: { name: string }) => c.name === '信息工程学院党委')
    expect(college).toMatchObject({ participants: 1, averageScore: null })
    expect(JSON.stringify(board)).not.toContain('林子涵')
    expect(JSON.stringify(board)).not.toMatch(/"(memberId|member|userId|email)"/)

    // The threshold is a setting (平台设置 → 竞赛排行最少参与人数, at least 2); at 2, two participants publish their branch's average.
    const settings = await payload.findGlobal({ slug: 'platform-settings', depth: 0 })
    expect(settings.standingsMinParticipants).toBe(5)
    await expect(payload.updateGlobal({ slug: 'platform-settings', data: { standingsMinParticipants: 1 } })).rejects.toThrow(
      /竞赛排行最少参与人数/,
    )
    const other = (
      await payload.find({
        collection: 'users',
        where: {
          and: [
            { organization: { equals: branch.organizationId } },
            { id: { not_equals: member.id } },
            { politicalStage: { in: ['probationary', 'full'] } },
            { active: { not_equals: false } },
          ],
        },
        depth: 0,
        limit: 1,
      })
    ).docs[0]
    const s2 = await startAttempt(payload, { ...other, collection: 'users' } as TestUser, open.id)
    await submitAttempt(payload, { ...other, collection: 'users' } as TestUser, s2.attemptId, rightAnswers(s2.questions, [q.single.id]))
    expect((await leaderboard(payload, member, open.id)).branches.find((b) => b.organizationId === branch.organizationId)).toMatchObject({
      participants: 2,
      averageScore: null,
    })
    await payload.updateGlobal({ slug: 'platform-settings', data: { standingsMinParticipants: 2 } })
    try {
      const board2 = await leaderboard(payload, member, open.id)
      expect(board2.minParticipants).toBe(2)
      expect(board2.branches.find((b) => b.organizationId === branch.organizationId)).toMatchObject({ averageScore: 50, note: null })
    } finally {
      await payload.updateGlobal({ slug: 'platform-settings', data: { standingsMinParticipants: 5 } })
    }
  })
})

describe('answer keys after a submission (issue 13)', () => {
  const keyOf = (r: { correctAnswer: string[]; explanation: string | null }) => ({
    shown: r.correctAnswer.length > 0,
    explanation: r.explanation,
  })

  it('show the correct answer and explanation only for the questions answered', async () => {
    const q = await bank()
    const z = await quiz({ mode: 'lesson', questions: Object.values(q).map((x) => x.id), attemptsAllowed: 0 })
    const m = await freshMember(payload)
    const s = await startAttempt(payload, m, z.id)
    const answers = rightAnswers(s.questions, [q.single.id])
    // Answers only the single choice (wrongly) and the true/false; the other two are left empty.
    const result = await submitAttempt(payload, m, s.attemptId, {
      [q.single.id]: answers[q.single.id],
      [q.trueFalse.id]: answers[q.trueFalse.id],
      [q.fillIn.id]: ['  '],
    })
    const by = new Map(result.results.map((r) => [r.questionId, r]))
    expect(keyOf(by.get(q.single.id)!)).toEqual({ shown: true, explanation: '解析' })
    expect(keyOf(by.get(q.trueFalse.id)!)).toEqual({ shown: true, explanation: '解析' })
    for (const id of [q.multiple.id, q.fillIn.id]) {
      expect(keyOf(by.get(id)!)).toEqual({ shown: false, explanation: null })
      expect(by.get(id)!.correct).toBe(false)
    }
    expect(JSON.stringify(result)).not.toContain('1921')
    expect(result).toMatchObject({ correctCount: 1, total: 4 })
  })

  it('keep questions of a competition that has not closed out of practice keys and the wrong-answer book until it closes', async () => {
    const theme = await freshTheme()
    const fixed = await bank(theme)
    const drawn = await bank(theme, 'hard')
    const now = Date.now()
    const closesAt = new Date(now + 86_400_000)
    // One competition with a fixed question, one drawing the theme's hard questions; an upcoming one too.
    const fixedComp = await quiz({
      mode: 'competition',
      questions: [fixed.single.id],
      timeLimitMinutes: 10,
      attemptsAllowed: 1,
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: closesAt.toISOString(),
    })
    await quiz({
      mode: 'competition',
      questionSource: 'random',
      questions: [],
      draw: { count: 2, difficulty: 'hard', themes: [theme] },
      timeLimitMinutes: 10,
      opensAt: new Date(now + 3_600_000).toISOString(),
      closesAt: closesAt.toISOString(),
    })
    // A competition already closed holds nothing back.
    await quiz({
      mode: 'competition',
      questions: [fixed.multiple.id],
      timeLimitMinutes: 10,
      opensAt: new Date(now - 3 * 86_400_000).toISOString(),
      closesAt: new Date(now - 86_400_000).toISOString(),
    })
    // Limited attempts: the held questions stay in its paper (an unlimited quiz leaves them out, below).
    const practice = await quiz({
      mode: 'lesson',
      questions: [fixed.single.id, fixed.multiple.id, drawn.trueFalse.id, drawn.fillIn.id],
      attemptsAllowed: 3,
    })

    const m = await freshMember(payload)
    const s = await startAttempt(payload, m, practice.id)
    const wrongAll = rightAnswers(
      s.questions,
      s.questions.map((x) => x.id),
    )
    const result = await submitAttempt(payload, m, s.attemptId, wrongAll)
    const by = new Map(result.results.map((r) => [r.questionId, r]))
    for (const id of [fixed.single.id, drawn.trueFalse.id, drawn.fillIn.id]) {
      expect(keyOf(by.get(id)!)).toEqual({ shown: false, explanation: null })
      // Not even whether it was right: a retake would find the answer by elimination.
      expect(by.get(id)!.correct).toBeNull()
      expect(by.get(id)!.note).toMatch(/知识竞赛/)
    }
    expect(keyOf(by.get(fixed.multiple.id)!)).toEqual({ shown: true, explanation: '解析' })
    expect(by.get(fixed.multiple.id)!.correct).toBe(false)
    // Nor on the REST API's record of the attempt (the member reads their own attempts there).
    const token = (await payload.login({ collection: 'users', data: { email: m.email, password: 'Vq7#Lm2$Xr9' } })).token!
    const read = async () => {
      const res = await REST_GET(config)(
        new Request(`http://localhost/api/quiz-attempts/${s.attemptId}`, { headers: { Authorization: `JWT ${token}` } }),
        { params: Promise.resolve({ slug: ['quiz-attempts', String(s.attemptId)] }) },
      )
      expect(res.status).toBe(200)
      return new Map(
        ((await res.json()) as { results: Array<{ questionId: number; correct: boolean | null }> }).results.map((r) => [
          r.questionId,
          r.correct,
        ]),
      )
    }
    const rest = await read()
    for (const id of [fixed.single.id, drawn.trueFalse.id, drawn.fillIn.id]) expect(rest.get(id)).toBeNull()
    expect(rest.get(fixed.multiple.id)).toBe(false)

    // A quiz the member may retake without limit leaves the held questions out of its papers.
    const unlimited = await quiz({
      mode: 'lesson',
      questions: [fixed.single.id, fixed.multiple.id, drawn.trueFalse.id],
      attemptsAllowed: 0,
    })
    for (let i = 0; i < 3; i++) {
      const u = await startAttempt(payload, m, unlimited.id)
      expect(u.questions.map((q) => q.id)).toEqual([fixed.multiple.id])
      await submitAttempt(payload, m, u.attemptId, rightAnswers(u.questions))
    }
    expect(JSON.stringify(result)).not.toMatch(/1921|"wrong"\]/)

    // The competition's own result holds them back as well while it runs.
    const c = await startAttempt(payload, m, fixedComp.id)
    const own = await submitAttempt(payload, m, c.attemptId, rightAnswers(c.questions, [fixed.single.id]))
    expect(keyOf(own.results[0])).toEqual({ shown: false, explanation: null })

    // The wrong-answer book carries no answer or explanation of them.
    const book = JSON.stringify(await myWrongAnswers(payload, m))
    for (const k of ANSWER_KEYS) expect(book).not.toContain(k)
    expect(book).not.toContain('解析')

    // Once the competitions have closed, practice keys show them again.
    const later = new Date(closesAt.getTime() + 60_000)
    const s2 = await startAttempt(payload, m, practice.id, later)
    const after2 = await submitAttempt(
      payload,
      m,
      s2.attemptId,
      rightAnswers(
        s2.questions,
        s2.questions.map((x) => x.id),
      ),
      later,
    )
    for (const r of after2.results) expect(keyOf(r)).toEqual({ shown: true, explanation: '解析' })
    expect(after2.results.every((r) => r.correct === false)).toBe(true) // answered wrong on purpose, and said so again
    const u2 = await startAttempt(payload, m, unlimited.id, later)
    expect(u2.questions.map((q) => q.id).sort()).toEqual([fixed.single.id, fixed.multiple.id, drawn.trueFalse.id].sort())
  })
})

describe('a lesson quiz that must be passed', () => {
  it('completes the lesson only once it is passed', async () => {
    const q = await bank()
    const z = await quiz({ mode: 'lesson', questions: [q.single.id, q.trueFalse.id], requiredToComplete: true })
    const lesson = await publishedLesson(payload, { kind: 'article', quiz: z.id })
    clearItemCache()
    const m = await freshMember(payload)
    const t0 = new Date()
    await beat(payload, m, lesson, 'start', t0)
    await beat(payload, m, lesson, 'heartbeat', after(50, t0), { position: 0.5 })
    const read = await beat(payload, m, lesson, 'complete', after(100, t0), { position: 1, scrolledToEnd: true })
    expect(read.completed).toBe(false)
    const s = await startAttempt(payload, m, z.id)
    await submitAttempt(payload, m, s.attemptId, rightAnswers(s.questions, [q.single.id, q.trueFalse.id]))
    expect(
      (await myProgress(payload, m, [{ collection: 'micro-lessons', id: lesson.id }])).get(`micro-lessons:${lesson.id}`)?.completedAt,
    ).toBeNull()
    const s2 = await startAttempt(payload, m, z.id)
    expect((await submitAttempt(payload, m, s2.attemptId, rightAnswers(s2.questions))).passed).toBe(true)
    const p = (await myProgress(payload, m, [{ collection: 'micro-lessons', id: lesson.id }])).get(`micro-lessons:${lesson.id}`)
    // Its derived 学时 (a 90-second text: 0.03), read for 100 s: all of them.
    expect(p).toMatchObject({ hoursCredited: lesson.creditHours })
    expect(p?.completedAt).toBeTruthy()
  })

  it('does not complete a lesson another process has just withdrawn, though this process still holds it as published', async () => {
    const q = await bank()
    const z = await quiz({ mode: 'lesson', questions: [q.single.id, q.trueFalse.id], requiredToComplete: true })
    const lesson = await publishedLesson(payload, { kind: 'article', quiz: z.id })
    clearItemCache()
    const m = await freshMember(payload)
    const t0 = new Date()
    await beat(payload, m, lesson, 'start', t0)
    await beat(payload, m, lesson, 'heartbeat', after(50, t0), { position: 0.5 })
    expect((await beat(payload, m, lesson, 'complete', after(100, t0), { position: 1, scrolledToEnd: true })).completed).toBe(false)
    // As the review service in another worker would leave it: no hook runs here, this process's cache is warm.
    await poolOf(payload).query(`UPDATE micro_lessons SET _status = 'draft', review_state = 'withdrawn' WHERE id = $1`, [lesson.id])
    const s = await startAttempt(payload, m, z.id)
    expect((await submitAttempt(payload, m, s.attemptId, rightAnswers(s.questions))).passed).toBe(true)
    const p = (await myProgress(payload, m, [{ collection: 'micro-lessons', id: lesson.id }])).get(`micro-lessons:${lesson.id}`)
    expect(p?.completedAt).toBeNull()
    expect(p?.hoursCredited ?? 0).toBe(0)
    const points = await poolOf(payload).query(
      `SELECT count(*)::int AS n FROM points_ledger WHERE member_id = $1 AND rule = 'lessonComplete'`,
      [m.id],
    )
    expect(points.rows[0].n).toBe(0)
  })
})
