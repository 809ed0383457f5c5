import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainSearchQueue } from '../../helpers/search'
import pg from 'pg'

import { poolOf } from '../../../src/db/pool'
import { insertImpressions } from '../../../src/search/queries'
import { changeCount } from '../../../src/db/notify'
import { bookTitle, MAX_PER_THEME, recommend, recommendOnHome, recordImpressions } from '../../../src/search/recommend'
import { continueStudying } from '../../../src/study/read'
import { startAttempt, submitAttempt } from '../../../src/quiz/attempts'
import { clearItemCache } from '../../../src/study/items'
import { personData, releasePayload, testPayload, type TestUser } from '../../helpers/payload'
import { after, beat, T0 } from '../../helpers/study'

let payload: Payload
const req = (user: TestUser) => ({ user, payload, context: {} })

const drain = () => drainSearchQueue(payload)
const person = async (extra: Record<string, unknown>) => {
  const org = (await payload.find({ collection: 'organizations', where: { code: { equals: 'B-INFO-UG1' } }, depth: 0 })).docs[0].id
  const doc = await payload.create({ collection: 'users', data: personData('推荐测试', { organization: org, ...extra }) })
  return { ...doc, collection: 'users' } as TestUser
}

beforeAll(async () => {
  payload = await testPayload()
  clearItemCache()
  await drain()
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('recommendations', () => {
  it('give a new member a sensible, varied list from stage and branch, each with a reason', async () => {
    // Probationary, not full: full members would change the branch's compliance that other tests check.
    const m = await person({ politicalStage: 'probationary' })
    const items = await recommend(req(m), 10)
    expect(items.length).toBe(10)
    expect(items.every((i) => i.reason.length > 0)).toBe(true)
    expect(items.some((i) => i.reason === '必修课程' || i.reason === '本支部必修')).toBe(true)
    const perTheme = new Map<string, number>()
    for (const i of items) perTheme.set(i.themes[0] ?? '', (perTheme.get(i.themes[0] ?? '') ?? 0) + 1)
    expect(Math.max(...perTheme.values())).toBeLessThanOrEqual(MAX_PER_THEME)
  })

  it('follow what a member studied, and never repeat what they completed or show what they may not read', async () => {
    // Probationary, not full: full members would change the branch's compliance that other tests check.
    const m = await person({ politicalStage: 'probationary' })
    const lesson = (
      await payload.find({ collection: 'micro-lessons', where: { title: { equals: '开天辟地：中国共产党的创立' } }, depth: 0 })
    ).docs[0]
    // Complete it (an article: read to the end for its reading time).
    await beat(payload, m, lesson, 'start', T0)
    for (let t = 60; t <= 240; t += 60) await beat(payload, m, lesson, 'heartbeat', after(t), { position: 0.5 })
    const done = await beat(payload, m, lesson, 'complete', after(250), { position: 1, scrolledToEnd: true })
    expect(done.completed).toBe(true)
    await drain()
    const items = await recommend(req(m), 10)
    expect(items.map((i) => i.id)).not.toContain(`micro-lessons-${lesson.id}`)
    expect(items.some((i) => i.reason === '因为你学习了《开天辟地：中国共产党的创立》')).toBe(true)
    // The course for applicants and activists is not for a (probationary) Party member.
    const applicantsOnly = (await payload.find({ collection: 'courses', where: { title: { equals: '学习党章 做合格党员' } }, depth: 0 }))
      .docs[0]
    expect((await recommend(req(m), 30)).map((i) => i.id)).not.toContain(`courses-${applicantsOnly.id}`)
    const applicant = await person({ politicalStage: 'applicant' })
    expect((await recommend(req(applicant), 30)).map((i) => i.id)).toContain(`courses-${applicantsOnly.id}`)
  })

  it('point a member to the themes of questions they got wrong', async () => {
    const m = await person({ politicalStage: 'probationary' })
    // A seeded quiz, by name: a quiz another test made draws its questions from a theme no lesson has
    // (and vitest's file order is not fixed, so "the first topic quiz" varies).
    const quiz = (await payload.find({ collection: 'quizzes', where: { title: { equals: '党史专项测验' } }, depth: 0, limit: 1 })).docs[0]
    const started = await startAttempt(payload, m, quiz.id)
    await submitAttempt(payload, m, started.attemptId, {}) // nothing answered: every question wrong
    const questionThemes = new Set(
      (
        await payload.find({
          collection: 'questions',
          where: { id: { in: started.questions.map((q) => q.id) } },
          depth: 1,
          limit: 0,
          pagination: false,
        })
      ).docs.flatMap((q) => (q.themes ?? []).map((t) => (typeof t === 'object' ? t.name : ''))),
    )
    const items = await recommend(req(m), 10)
    const wrong = items.filter((i) => i.reason === '错题相关')
    expect(
      wrong.length,
      `wrong-answer themes ${[...questionThemes].join('、')}; got ${items.map((i) => `${i.title}（${i.reason}）`).join('；')}`,
    ).toBeGreaterThan(0)
    for (const i of wrong) expect(i.themes.some((t) => questionThemes.has(t))).toBe(true)
  })
})

describe('impressions: what 首页 showed', () => {
  it('records each shown item once, in order, with its reason', async () => {
    const m = await person({ politicalStage: 'probationary' })
    const items = await recommend(req(m), 6)
    await recordImpressions(req(m), items)
    const { rows } = await poolOf(payload).query<{ item_key: string; reason: string; position: number }>(
      `SELECT item_key, reason, position::int AS position FROM recommendation_events WHERE member_id = $1 AND kind = 'impression' ORDER BY position`,
      [m.id],
    )
    expect(rows).toEqual(items.map((it, i) => ({ item_key: it.id, reason: it.reason, position: i + 1 })))
  })

  it('commit without waiting for the disk only in their own statement: the connection keeps its setting', async () => {
    const m = await person({ politicalStage: 'probationary' })
    const client = new pg.Client(poolOf(payload).options)
    await client.connect()
    try {
      const setting = async () => (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0].synchronous_commit
      const before = await setting()
      await insertImpressions(client, m.id, [{ itemKey: 'courses-1', reason: '测试', position: 1 }])
      expect(await setting()).toBe(before)
      expect(before).not.toBe('off')
    } finally {
      await client.end()
    }
  })
})

describe('recommendations on 首页 (issue 14 §5)', () => {
  const lesson = async (title: string) =>
    (await payload.find({ collection: 'micro-lessons', where: { title: { equals: title } }, depth: 0 })).docs[0]

  it('put a title in book-title marks once, nesting inner ones as 〈〉', () => {
    expect(bookTitle('开天辟地：中国共产党的创立')).toBe('《开天辟地：中国共产党的创立》')
    expect(bookTitle('《共产党宣言》')).toBe('《共产党宣言》')
    expect(bookTitle('学习《中国共产党支部工作条例（试行）》')).toBe('《学习〈中国共产党支部工作条例（试行）〉》')
    expect(bookTitle('《共产党宣言》：科学社会主义的诞生')).toBe('《〈共产党宣言〉：科学社会主义的诞生》')
  })

  it('leave items merely opened (0%) out of 继续学习', async () => {
    const m = await person({ politicalStage: 'probationary' })
    const opened = await lesson('从古田会议到遵义会议')
    const read = await lesson('伟大的长征')
    await beat(payload, m, opened, 'start', T0)
    await beat(payload, m, read, 'start', after(60))
    await beat(payload, m, read, 'heartbeat', after(100), { position: 0.2 })
    const rows = await continueStudying(payload, m, 5)
    expect(rows.map((r) => r.itemId)).toEqual([read.id])
    expect(rows[0].percent).toBeGreaterThan(0)
  })
})

describe("首页 reuses a member's list only while nothing it was made from changed", () => {
  it('shows the same list again, a fresh one once they complete an item (never showing it), and after a content change', async () => {
    const m = await person({ politicalStage: 'probationary' })
    const first = await recommendOnHome(req(m), 30)
    expect(first.length).toBeGreaterThan(0)
    // Reused: the very list made the first time, not a second ranking.
    expect(await recommendOnHome(req(m), 30)).toBe(first)

    // Completing a lesson: read afresh on the next view, so it can never be shown again.
    const lesson = (
      await payload.find({ collection: 'micro-lessons', where: { title: { equals: '开天辟地：中国共产党的创立' } }, depth: 0 })
    ).docs[0]
    await beat(payload, m, lesson, 'start', T0)
    for (let t = 60; t <= 240; t += 60) await beat(payload, m, lesson, 'heartbeat', after(t), { position: 0.5 })
    expect((await beat(payload, m, lesson, 'complete', after(250), { position: 1, scrolledToEnd: true })).completed).toBe(true)
    const afterCompleting = await recommendOnHome(req(m), 30)
    expect(afterCompleting).not.toBe(first)
    expect(afterCompleting.map((i) => i.id)).not.toContain(`micro-lessons-${lesson.id}`)
    expect(await recommendOnHome(req(m), 30)).toBe(afterCompleting)

    // A course changed, by whichever process or instance (the table's change notice): ranked again.
    const seen = changeCount('content_items')
    await poolOf(payload).query(`UPDATE courses SET updated_at = updated_at WHERE id = (SELECT min(id) FROM courses)`)
    for (const until = Date.now() + 5000; changeCount('content_items') === seen && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 50))
    expect(changeCount('content_items')).toBeGreaterThan(seen)
    const afterChange = await recommendOnHome(req(m), 30)
    expect(afterChange).not.toBe(afterCompleting)
    // Another length is another list.
    expect(await recommendOnHome(req(m), 6)).not.toBe(afterChange)
  })
})
