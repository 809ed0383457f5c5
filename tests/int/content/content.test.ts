import { REST_GET } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { act, body, draftNews, publishThrough, reviewers, type Reviewers } from '../../helpers/content'
import { demoUser, personData, rejectsWithFieldError, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'

let payload: Payload
let who: Reviewers
let member: TestUser
let applicant: TestUser
const asUser = (user: TestUser) => ({ user, overrideAccess: false as const, depth: 0 })

const orgId = async (code: string) =>
  (await payload.find({ collection: 'organizations', where: { code: { equals: code } }, depth: 0, limit: 1 })).docs[0].id

const personIn = async (code: string, stage: string) => {
  const doc = await payload.create({
    collection: 'users',
    data: personData(unique('学员'), { organization: await orgId(code), politicalStage: stage }),
  })
  return { ...doc, collection: 'users' } as TestUser
}

const lesson = async (extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'micro-lessons',
    draft: true,
    ...asUser(who.curator),
    data: { title: unique('微党课'), kind: 'article', durationMinutes: 10, creditHours: 1, body: body('学习党章。'), ...extra },
  })

const anonymousGet = (path: string, slug: string[]) =>
  REST_GET(config)(new Request(`http://localhost/api/${path}`), { params: Promise.resolve({ slug }) })

beforeAll(async () => {
  payload = await testPayload()
  who = await reviewers()
  member = await demoUser('member@demo.edu.cn')
  applicant = await demoUser('applicant@demo.edu.cn')
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('audience filtering', () => {
  it('shows a course aimed at activists to activists only', async () => {
    const l = await lesson()
    await publishThrough(payload, who, 'micro-lessons', l.id, who.curator)
    const course = await payload.create({
      collection: 'courses',
      draft: true,
      ...asUser(who.curator),
      data: { title: unique('积极分子培训'), requirement: 'required', lessons: [l.id], audienceStages: ['activist'] },
    })
    const reader = async (user: TestUser) =>
      (await payload.find({ collection: 'courses', ...asUser(user), where: { id: { equals: course.id } } })).docs.length
    expect(await reader(await personIn('B-INFO-UG1', 'activist'))).toBe(0) // not yet published
    await publishThrough(payload, who, 'courses', course.id, who.curator)
    expect(await reader(await personIn('B-INFO-UG1', 'activist'))).toBe(1)
    expect(await reader(applicant)).toBe(0)
    expect(await reader(member)).toBe(0)
    expect(await reader(who.r1)).toBe(1) // reviewers see everything
  })

  it('reaches every branch under an organisation it names', async () => {
    const quiz = await payload.create({
      collection: 'quizzes',
      draft: true,
      ...asUser(who.curator),
      data: {
        title: unique('信息学院专项测验'),
        mode: 'topic',
        questionSource: 'random',
        draw: { count: 3 },
        passScore: 60,
        audienceOrganizations: [await orgId('C-INFO')],
      },
    })
    await publishThrough(payload, who, 'quizzes', quiz.id, who.curator)
    const sees = async (user: TestUser) =>
      (await payload.find({ collection: 'quizzes', ...asUser(user), where: { id: { equals: quiz.id } } })).docs.length
    expect(await sees(member)).toBe(1) // 信息工程学院本科生第一党支部
    expect(await sees(await personIn('B-INFO-GRAD', 'full'))).toBe(1)
    expect(await sees(await personIn('B-MARX-GRAD', 'full'))).toBe(0)
  })

  it('follows a branch moved to another college at once, though organisation chains are cached', async () => {
    const quiz = await payload.create({
      collection: 'quizzes',
      draft: true,
      ...asUser(who.curator),
      data: {
        title: unique('马院专项测验'),
        mode: 'topic',
        questionSource: 'random',
        draw: { count: 3 },
        passScore: 60,
        audienceOrganizations: [await orgId('C-MARX')],
      },
    })
    await publishThrough(payload, who, 'quizzes', quiz.id, who.curator)
    const branch = await payload.create({
      collection: 'organizations',
      data: { name: unique('调整支部'), type: 'branch', parent: await orgId('C-INFO') },
    })
    const person = await payload.create({
      collection: 'users',
      data: personData(unique('学员'), { organization: branch.id, politicalStage: 'full' }),
    })
    const reader = { ...person, collection: 'users' } as TestUser
    const sees = async () =>
      (await payload.find({ collection: 'quizzes', ...asUser(reader), where: { id: { equals: quiz.id } } })).docs.length
    expect(await sees()).toBe(0) // the chain 支部 → 信息工程学院党委 → 校党委 is now cached
    await payload.update({ collection: 'organizations', id: branch.id, data: { parent: await orgId('C-MARX') } })
    expect(await sees()).toBe(1)
  })

  it('gives anonymous visitors published news and red resources only', async () => {
    const published = await draftNews(payload)
    await publishThrough(payload, who, 'news', published.id)
    const draft = await draftNews(payload)

    const list = await anonymousGet('news?limit=200&depth=0', ['news'])
    expect(list.status).toBe(200)
    const ids = (await list.json()).docs.map((d: { id: number }) => d.id)
    expect(ids).toContain(published.id)
    expect(ids).not.toContain(draft.id)
    const one = await (await anonymousGet(`news/${published.id}`, ['news', String(published.id)])).json()
    expect(one.createdBy).toBeUndefined() // who wrote it internally is staff-only
    expect(one.reviewApprovals).toBeUndefined()
    expect((await anonymousGet(`news/${draft.id}`, ['news', String(draft.id)])).status).toBe(404)
    expect((await anonymousGet('red-resources', ['red-resources'])).status).toBe(200)
    for (const slug of ['courses', 'micro-lessons', 'quizzes', 'review-logs']) {
      expect((await anonymousGet(slug, [slug])).status, slug).toBe(403)
    }
  })
})

describe('course credit hours', () => {
  it('are the sum of the lessons’ and follow a lesson’s published change', async () => {
    // 学时 follow from the text's length at 300 characters a minute: 45 minutes is 1, 22.5 minutes 0.5.
    const a = await lesson({ body: body('学习党章。'.repeat(2700)) })
    const b = await lesson({ body: body('学习党章。'.repeat(1350)) })
    expect([a.creditHours, b.creditHours]).toEqual([1, 0.5])
    for (const l of [a, b]) await publishThrough(payload, who, 'micro-lessons', l.id, who.curator)
    const course = await payload.create({
      collection: 'courses',
      draft: true,
      ...asUser(who.curator),
      data: { title: unique('课程'), requirement: 'elective', lessons: [a.id, b.id] },
    })
    expect(course.totalCreditHours).toBe(1.5)

    await payload.update({
      collection: 'micro-lessons',
      id: b.id,
      draft: true,
      ...asUser(who.curator),
      data: { body: body('学习党章。'.repeat(2700)) },
    })
    await publishThrough(payload, who, 'micro-lessons', b.id, who.curator)
    const again = await payload.findByID({ collection: 'courses', id: course.id, draft: true, depth: 0 })
    expect(again.totalCreditHours).toBe(2)
  })
})

describe('lesson and quiz soundness', () => {
  it('needs a file for video and audio and text for articles', async () => {
    await rejectsWithFieldError(lesson({ kind: 'video', body: undefined }), /视频微党课需要上传 MP4 视频/)
    await rejectsWithFieldError(lesson({ kind: 'article', body: undefined }), /图文微党课需要填写正文/)
    // Length and 学时 are derived, never typed: typed values are replaced (a 5-character text is 30 s).
    expect(await lesson({ durationMinutes: 45, creditHours: 4 })).toMatchObject({ durationSeconds: 30, creditHours: 0.01 })
  })

  it('refuses a quiz the bank cannot fill or whose window is backwards', async () => {
    const quiz = (data: Record<string, unknown>) =>
      payload.create({
        collection: 'quizzes',
        draft: true,
        ...asUser(who.curator),
        data: { title: unique('测验'), passScore: 60, ...data },
      })
    await rejectsWithFieldError(quiz({ mode: 'topic', questionSource: 'random', draw: { count: 5000 } }), /不足 5000 道/)
    await rejectsWithFieldError(quiz({ mode: 'topic', questionSource: 'fixed', questions: [] }), /至少需要选择一道题/)
    await rejectsWithFieldError(
      quiz({
        mode: 'competition',
        questionSource: 'random',
        draw: { count: 2 },
        timeLimitMinutes: 10,
        opensAt: '2026-12-02T00:00:00Z',
        closesAt: '2026-12-01T00:00:00Z',
      }),
      /截止时间必须晚于开放时间/,
    )
    await rejectsWithFieldError(
      quiz({ mode: 'competition', questionSource: 'random', draw: { count: 2 } }),
      /知识竞赛需要设置开放和截止时间/,
    )
  })
})

describe('authors and their own items', () => {
  it('lets an editor edit only their own drafts', async () => {
    const other = await payload.create({ collection: 'users', data: personData('另一位编辑', { roles: ['propagandaEditor'] }) })
    const doc = await draftNews(payload)
    const { rejectsWithStatus } = await import('../../helpers/payload')
    await rejectsWithStatus(
      payload.update({
        collection: 'news',
        id: doc.id,
        draft: true,
        user: { ...other, collection: 'users' } as TestUser,
        overrideAccess: false,
        data: { title: 'x' },
      }),
      403,
    )
    await rejectsWithStatus(act(payload, who.curator, 'news', doc.id, { action: 'submit' }), 403)
  })
})
