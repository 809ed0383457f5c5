import { REST_POST } from '@payloadcms/next/routes'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { attemptResult, startAttempt, submitAttempt } from '../../../src/quiz/attempts'
import { quizStatuses, nextDailyOpening } from '../../../src/quiz/status'
import { bookStates, NOTE_NEVER_ANSWERED, practise, wrongBook } from '../../../src/quiz/wrongBook'
import { NOTE_COMPETITION } from '../../../src/quiz/reveal'
import { poolOf } from '../../../src/db/pool'
import { REVIEW_TRANSITION } from '../../../src/workflow/config'
import { rejectsWithStatus, releasePayload, testPayload, unique } from '../../helpers/payload'
import { freshMember } from '../../helpers/study'

/**
 * Issue 14 §2 and §3: the daily quiz's standing (done today, score, when the next opens) and 错题本
 * with answer keys and practice that is not an attempt.
 */
let payload: Payload
const SYSTEM = { [REVIEW_TRANSITION]: true }
const made: { quizzes: number[] } = { quizzes: [] }

beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  // Competitions hold their questions' keys back while open: none of ours stays open after this file.
  await poolOf(payload).query(`UPDATE quizzes SET closes_at = $2 WHERE id = ANY($1::int[]) AND mode = 'competition'`, [
    made.quizzes,
    new Date(Date.now() - 60_000),
  ])
  await releasePayload(payload)
})

const theme = async () => {
  const t = await payload.create({ collection: 'themes', depth: 0, data: { name: unique('错题专题'), slug: unique('wrong-theme') } })
  return t.id as number
}

/** One question of each type with known answers and explanations. */
const bank = async () => {
  const themeId = await theme()
  const make = async (data: Omit<RequiredDataFromCollectionSlug<'questions'>, 'difficulty' | 'themes'>) => {
    return payload.create({ collection: 'questions', depth: 0, data: { difficulty: 'easy', themes: [themeId], ...data } })
  }
  return {
    single: await make({
      type: 'single',
      stem: unique('单选'),
      explanation: '单选解析',
      options: [
        { text: '甲', isCorrect: false },
        { text: '乙', isCorrect: true },
        { text: '丙', isCorrect: false },
      ],
    }),
    trueFalse: await make({ type: 'trueFalse', stem: unique('判断'), explanation: '判断解析', trueFalseAnswer: 'wrong' }),
    fillIn: await make({ type: 'fillIn', stem: unique('填空____'), explanation: '填空解析', fillInAnswers: [{ answer: '1921' }] }),
  }
}

const quiz = async (data: Record<string, unknown>) => {
  const z = await payload.create({
    collection: 'quizzes',
    context: SYSTEM,
    depth: 0,
    data: {
      title: unique('测验'),
      mode: 'topic',
      questionSource: 'fixed',
      passScore: 60,
      attemptsAllowed: 0,
      shuffleQuestions: false,
      shuffleOptions: false,
      _status: 'published',
      reviewState: 'published',
      ...data,
    },
  })
  made.quizzes.push(z.id as number)
  return z
}

/** Keys for a paper (options unshuffled: 乙 is b), right or wrong per question. */
const answersFor = (questions: Awaited<ReturnType<typeof startAttempt>>['questions'], wrong: number[] = []) =>
  Object.fromEntries(
    questions.map((q) => {
      const w = wrong.includes(q.id)
      if (q.type === 'trueFalse') return [q.id, [w ? 'correct' : 'wrong']]
      if (q.type === 'fillIn') return [q.id, [w ? '1927' : '1921']]
      return [q.id, [q.options.find((o) => (w ? o.text === '甲' : o.text === '乙'))!.key]]
    }),
  )

const counts = async (memberId: number) => {
  const { rows } = await poolOf(payload).query<{ attempts: number; points: number; progress: number }>(
    `SELECT (SELECT count(*)::int FROM quiz_attempts WHERE member_id = $1) AS attempts,
            (SELECT count(*)::int FROM points_ledger WHERE member_id = $1) AS points,
            (SELECT count(*)::int FROM study_progress WHERE member_id = $1) AS progress`,
    [memberId],
  )
  return rows[0]
}

describe('the daily quiz once done (issue 14 §2)', () => {
  it('opens the next one at midnight Asia/Shanghai, whatever the time of day', () => {
    // 23:59:59 on 1 June in Beijing is 15:59:59 UTC; 00:00 on 2 June is 16:00 UTC.
    expect(nextDailyOpening(new Date('2026-06-01T15:59:59Z')).toISOString()).toBe('2026-06-01T16:00:00.000Z')
    expect(nextDailyOpening(new Date('2026-06-01T16:00:00Z')).toISOString()).toBe('2026-06-02T16:00:00.000Z')
    expect(nextDailyOpening(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2027-01-01T16:00:00.000Z')
    expect(nextDailyOpening(new Date('2028-02-28T17:00:00Z')).toISOString()).toBe('2028-02-29T16:00:00.000Z')
  })

  it("counts today's attempts only, says none is left once done, and keeps the result to show", async () => {
    const q = await bank()
    const daily = await quiz({ mode: 'daily', questions: [q.single.id, q.trueFalse.id], attemptsAllowed: 1 })
    const m = await freshMember(payload)
    const day1 = new Date('2026-06-01T02:00:00Z')
    const before = (await quizStatuses(payload, m.id as number, [daily], day1)).get(daily.id)!
    expect(before).toMatchObject({ submitted: 0, left: 1, latest: null })

    const s = await startAttempt(payload, m, daily.id, day1)
    // An open attempt is still there to resume.
    expect((await quizStatuses(payload, m.id as number, [daily], day1)).get(daily.id)).toMatchObject({ left: 1 })
    const r = await submitAttempt(payload, m, s.attemptId, answersFor(s.questions, [q.single.id]), day1)
    const done = (await quizStatuses(payload, m.id as number, [daily], day1)).get(daily.id)!
    expect(done).toMatchObject({ submitted: 1, left: 0, best: 50, latest: { attemptId: s.attemptId, score: 50, passed: false } })
    // What the page would offer is what the server does: no second attempt today.
    await rejectsWithStatus(startAttempt(payload, m, daily.id, day1), 409)

    // The result as the page shows it again: the score, each verdict, keys for the answered questions.
    const shown = await attemptResult(payload, m.id as number, s.attemptId, day1)
    expect(shown).toMatchObject({ score: r.score, correctCount: 1, total: 2 })
    expect(shown!.questions.map((x) => x.id)).toEqual(s.questions.map((x) => x.id))
    expect(shown!.results.find((x) => x.questionId === q.single.id)).toMatchObject({
      correct: false,
      explanation: '单选解析',
      answerShown: true,
    })
    // Nobody else's attempt.
    const other = await freshMember(payload)
    expect(await attemptResult(payload, other.id as number, s.attemptId, day1)).toBeNull()

    // The next day starts afresh: yesterday's attempt does not count.
    const day2 = new Date('2026-06-02T02:00:00Z')
    expect((await quizStatuses(payload, m.id as number, [daily], day2)).get(daily.id)).toMatchObject({
      submitted: 0,
      left: 1,
      latest: null,
    })
  })

  it('counts all attempts of a limited topic test, with the best score', async () => {
    const q = await bank()
    const topic = await quiz({ questions: [q.single.id, q.trueFalse.id], attemptsAllowed: 2 })
    const m = await freshMember(payload)
    for (const wrong of [[q.single.id, q.trueFalse.id], [q.single.id]]) {
      const s = await startAttempt(payload, m, topic.id)
      await submitAttempt(payload, m, s.attemptId, answersFor(s.questions, wrong))
    }
    expect((await quizStatuses(payload, m.id as number, [topic])).get(topic.id)).toMatchObject({
      submitted: 2,
      best: 50,
      passed: false,
      left: 0,
    })
  })
})

describe('错题本 (issue 14 §3)', () => {
  it('keeps a question until it is answered right twice in a row (pure rule)', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 0, 0, s))
    const o = (questionId: number, correct: boolean, s: number, answered = true) => ({ questionId, correct, answered, at: at(s) })
    const states = bookStates([
      o(1, false, 1),
      o(1, true, 2),
      o(2, false, 1),
      o(2, true, 2),
      o(2, true, 3),
      o(3, true, 1),
      o(4, false, 1, false),
      o(5, false, 1),
      o(5, true, 2),
      o(5, false, 3),
      o(5, true, 4),
    ])
    expect([...states.keys()].sort()).toEqual([1, 4, 5])
    expect(states.get(1)).toMatchObject({ streak: 1, timesWrong: 1, everAnswered: true })
    expect(states.get(4)).toMatchObject({ everAnswered: false })
    expect(states.get(5)).toMatchObject({ streak: 1, timesWrong: 2 })
  })

  it('shows answer and explanation, practises without an attempt, points or 学时, and lets go after two right in a row', async () => {
    const q = await bank()
    const topic = await quiz({ questions: [q.single.id, q.trueFalse.id, q.fillIn.id] })
    const m = await freshMember(payload)
    const s = await startAttempt(payload, m, topic.id)
    // Single and true/false answered wrong; the fill-in left empty.
    const wrong = answersFor(s.questions, [q.single.id, q.trueFalse.id])
    await submitAttempt(payload, m, s.attemptId, {
      [q.single.id]: wrong[q.single.id],
      [q.trueFalse.id]: wrong[q.trueFalse.id],
      [q.fillIn.id]: [],
    })

    const book = new Map((await wrongBook(payload, m.id as number)).map((b) => [b.questionId, b]))
    expect([...book.keys()].sort()).toEqual([q.single.id, q.trueFalse.id, q.fillIn.id].sort())
    // Options in the bank's order: 乙, the right one, is b.
    expect(book.get(q.single.id)).toMatchObject({
      answerShown: true,
      correctAnswer: ['b'],
      explanation: '单选解析',
      canPractise: true,
      streak: 0,
      timesWrong: 1,
    })
    expect(book.get(q.single.id)!.options.map((o) => o.text)).toEqual(['甲', '乙', '丙'])
    expect(book.get(q.trueFalse.id)).toMatchObject({ answerShown: true, correctAnswer: ['wrong'], explanation: '判断解析' })
    // Left empty: no key (an empty paper must not fill the book with answers), but it can be practised.
    expect(book.get(q.fillIn.id)).toMatchObject({
      answerShown: false,
      correctAnswer: [],
      explanation: null,
      note: NOTE_NEVER_ANSWERED,
      canPractise: true,
    })

    const before = await counts(m.id as number)
    // Wrong, right, wrong, right, right: the second right in a row takes it out.
    expect(await practise(payload, m, q.single.id, ['a'])).toMatchObject({
      correct: false,
      streak: 0,
      removed: false,
      correctAnswer: ['b'],
      explanation: '单选解析',
    })
    expect(await practise(payload, m, q.single.id, ['b'])).toMatchObject({ correct: true, streak: 1, removed: false })
    expect(await practise(payload, m, q.single.id, ['c'])).toMatchObject({ correct: false, streak: 0 })
    expect(await practise(payload, m, q.single.id, ['b'])).toMatchObject({ correct: true, streak: 1 })
    expect((await wrongBook(payload, m.id as number)).find((b) => b.questionId === q.single.id)).toMatchObject({ streak: 1 })
    expect(await practise(payload, m, q.single.id, [' b '])).toMatchObject({ correct: true, streak: 2, removed: true })
    expect((await wrongBook(payload, m.id as number)).map((b) => b.questionId)).not.toContain(q.single.id)
    // Out of the book: no more practice of it (practice is not a way to read the bank's keys).
    await rejectsWithStatus(practise(payload, m, q.single.id, ['b']), 404)

    // Practising the empty one once with an answer shows its key from then on.
    expect(await practise(payload, m, q.fillIn.id, ['１９２１'])).toMatchObject({ correct: true, streak: 1, correctAnswer: ['1921'] })
    expect((await wrongBook(payload, m.id as number)).find((b) => b.questionId === q.fillIn.id)).toMatchObject({
      answerShown: true,
      explanation: '填空解析',
    })

    // A right answer in a quiz counts toward the two in a row as well.
    const s2 = await startAttempt(payload, m, topic.id)
    await submitAttempt(payload, m, s2.attemptId, answersFor(s2.questions))
    expect((await wrongBook(payload, m.id as number)).map((b) => b.questionId)).toEqual([q.trueFalse.id])

    // Practice wrote no attempt, no points and no study record.
    const afterPractice = await counts(m.id as number)
    expect(afterPractice).toEqual({ ...before, attempts: before.attempts + 1 })
  })

  it('refuses empty answers, questions outside the book and other members’ books; holds keys of an open competition', async () => {
    const q = await bank()
    const topic = await quiz({ questions: [q.single.id, q.trueFalse.id] })
    const m = await freshMember(payload)
    const s = await startAttempt(payload, m, topic.id)
    await submitAttempt(payload, m, s.attemptId, answersFor(s.questions, [q.single.id, q.trueFalse.id]))
    await rejectsWithStatus(practise(payload, m, q.single.id, []), 400)
    await rejectsWithStatus(practise(payload, m, q.single.id, ['  ']), 400)
    await rejectsWithStatus(practise(payload, m, q.single.id, 'b'), 400)
    const other = await freshMember(payload)
    await rejectsWithStatus(practise(payload, other, q.single.id, ['b']), 404)

    // A competition opens that uses the single-choice question: its key leaves the book, and practice
    // (whose verdict would give the answer away) waits until the competition closes.
    const now = Date.now()
    const closesAt = new Date(now + 86_400_000)
    await quiz({
      mode: 'competition',
      questions: [q.single.id],
      timeLimitMinutes: 10,
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: closesAt.toISOString(),
    })
    const book = await wrongBook(payload, m.id as number)
    const held = book.find((b) => b.questionId === q.single.id)!
    expect(held).toMatchObject({ answerShown: false, correctAnswer: [], explanation: null, note: NOTE_COMPETITION, canPractise: false })
    expect(JSON.stringify(held)).not.toContain('单选解析')
    expect(book.find((b) => b.questionId === q.trueFalse.id)).toMatchObject({ answerShown: true })
    const refused = await rejectsWithStatus(practise(payload, m, q.single.id, ['b']), 409)
    expect(refused.message).toMatch(/知识竞赛/)
    // Once it has closed, the key and practice come back.
    const later = new Date(closesAt.getTime() + 60_000)
    expect((await wrongBook(payload, m.id as number, later)).find((b) => b.questionId === q.single.id)).toMatchObject({
      answerShown: true,
      canPractise: true,
    })
  })

  it('answers practice over REST only for a signed-in member, with a clear 4xx for bad input', async () => {
    const q = await bank()
    const topic = await quiz({ questions: [q.trueFalse.id] })
    const m = await freshMember(payload)
    const s = await startAttempt(payload, m, topic.id)
    await submitAttempt(payload, m, s.attemptId, answersFor(s.questions, [q.trueFalse.id]))
    const post = (body: unknown, token?: string) =>
      REST_POST(config)(
        new Request('http://localhost/api/quiz-attempts/practice', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ slug: ['quiz-attempts', 'practice'] }) },
      )
    expect((await post({ questionId: q.trueFalse.id, answer: ['wrong'] })).status).toBe(401)
    const token = (await payload.login({ collection: 'users', data: { email: m.email, password: 'Vq7#Lm2$Xr9' } })).token!
    const bad = await post({ questionId: 'x', answer: ['wrong'] }, token)
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toMatch(/questionId/)
    expect((await post({ questionId: q.trueFalse.id, answer: ['wrong'], extra: 1 }, token)).status).toBe(400)
    const ok = await post({ questionId: q.trueFalse.id, answer: ['wrong'] }, token)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ correct: true, streak: 1, correctAnswer: ['wrong'], explanation: '判断解析' })
    // A staff member with no book: nothing to practise.
    const curator = (await payload.login({ collection: 'users', data: { email: 'curator@demo.edu.cn', password: 'Dangjian@2026' } })).token!
    expect((await post({ questionId: q.trueFalse.id, answer: ['wrong'] }, curator)).status).toBe(404)
  })
})
