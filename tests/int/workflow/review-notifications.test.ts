import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { act, body, draftNews, reviewers, type Reviewers } from '../../helpers/content'
import { rejectsWithStatus, releasePayload, testPayload, tokenFor, unique } from '../../helpers/payload'

let payload: Payload
let who: Reviewers
const created: { notificationsSince: string; lessons: number[]; quizzes: number[]; courses: number[] } = {
  notificationsSince: '',
  lessons: [],
  quizzes: [],
  courses: [],
}

beforeAll(async () => {
  payload = await testPayload()
  who = await reviewers()
  created.notificationsSince = new Date().toISOString()
})

afterAll(async () => {
  // The review notices these tests raised, and the drafts they left (published items cannot be deleted).
  await payload.delete({
    collection: 'notifications',
    where: {
      and: [
        { kind: { in: ['reviewQueue', 'reviewReturned', 'reviewPublished'] } },
        { createdAt: { greater_than_equal: created.notificationsSince } },
      ],
    },
    overrideAccess: true,
  })
  for (const [collection, ids] of [
    ['courses', created.courses],
    ['micro-lessons', created.lessons],
    ['quizzes', created.quizzes],
  ] as const) {
    for (const id of ids) await payload.delete({ collection, id, overrideAccess: true }).catch(() => undefined)
  }
  await releasePayload(payload)
})

/** The review notifications about one item, per recipient. */
const noticesAbout = async (collection: string, id: number | string) => {
  const { docs } = await payload.find({
    collection: 'notifications',
    where: { link: { equals: `/admin/collections/${collection}/${id}` } },
    sort: 'createdAt',
    depth: 0,
    limit: 0,
    overrideAccess: true,
  })
  return docs
}

const reviewersAt = async (level: string) =>
  (
    await payload.find({
      collection: 'users',
      where: { and: [{ roles: { in: ['reviewer'] } }, { reviewLevel: { equals: level } }, { active: { not_equals: false } }] },
      depth: 0,
      limit: 0,
    })
  ).docs
    .map((u) => u.id)
    .sort()

const rest = (token: string) => ({ headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' } })

describe('review notifications', () => {
  it('tell each level its queue, the author a return with its reason and the publication', async () => {
    const news = await draftNews(payload)
    await act(payload, who.editor, 'news', news.id, { action: 'submit' })
    let notes = await noticesAbout('news', news.id)
    const level1 = await reviewersAt('1')
    expect(level1).toContain(who.r1.id)
    expect(notes.map((n) => n.recipient).sort()).toEqual(level1)
    expect(notes[0]).toMatchObject({
      kind: 'reviewQueue',
      title: `待初审：党建动态「${news.title}」`,
      body: '王雪梅提交了审核，等待初审。',
    })

    await act(payload, who.r1, 'news', news.id, { action: 'approve' })
    notes = await noticesAbout('news', news.id)
    const toSecond = notes.filter((n) => n.title.startsWith('待复审'))
    expect(toSecond.map((n) => n.recipient).sort()).toEqual(await reviewersAt('2'))
    expect(toSecond[0].body).toBe('赵文静已初审通过，等待复审。')

    const reason = '活动时间请写具体日期'
    await act(payload, who.r2, 'news', news.id, { action: 'return', reason })
    notes = await noticesAbout('news', news.id)
    const returned = notes.filter((n) => n.kind === 'reviewReturned')
    expect(returned).toHaveLength(1)
    expect(returned[0]).toMatchObject({
      recipient: who.editor.id,
      title: `被退回修改：党建动态「${news.title}」`,
      body: `钱志强在复审时退回，理由：${reason}`,
    })

    // Resubmitted, the same level hears again (a new transition, a new notice).
    await act(payload, who.editor, 'news', news.id, { action: 'submit' })
    expect((await noticesAbout('news', news.id)).filter((n) => n.title.startsWith('待初审') && n.recipient === who.r1.id)).toHaveLength(2)
    await act(payload, who.r1, 'news', news.id, { action: 'approve' })
    await act(payload, who.r2, 'news', news.id, { action: 'approve' })
    const toFinal = (await noticesAbout('news', news.id)).filter((n) => n.title.startsWith('待终审'))
    expect(toFinal.map((n) => n.recipient).sort()).toEqual(await reviewersAt('3'))
    await act(payload, who.r3, 'news', news.id, { action: 'approve' })
    const published = (await noticesAbout('news', news.id)).filter((n) => n.kind === 'reviewPublished')
    expect(published).toHaveLength(1)
    expect(published[0]).toMatchObject({ recipient: who.editor.id, body: '孙立新终审通过，内容已对学员发布。' })

    // Each person reads their own through REST (the admin's 消息通知 and the site's 消息), nobody else's.
    const [editorToken, r3Token] = await Promise.all([tokenFor('editor@demo.edu.cn'), tokenFor('reviewer3@demo.edu.cn')])
    const list = async (token: string) => {
      const res = await REST_GET(config)(
        new Request(
          `http://localhost/api/notifications?where[link][equals]=/admin/collections/news/${news.id}&depth=0&limit=100`,
          rest(token),
        ),
        { params: Promise.resolve({ slug: ['notifications'] }) },
      )
      expect(res.status).toBe(200)
      return ((await res.json()) as { docs: Array<{ kind: string; recipient: number }> }).docs
    }
    const editorSees = await list(editorToken)
    expect(editorSees.map((n) => n.kind).sort()).toEqual(['reviewPublished', 'reviewReturned'])
    expect((await list(r3Token)).map((n) => n.kind)).toEqual(['reviewQueue'])
  })

  it('a scheduled item tells its author when it goes live, not when it is scheduled', async () => {
    const news = await draftNews(payload)
    await act(payload, who.editor, 'news', news.id, { action: 'submit' })
    await act(payload, who.r1, 'news', news.id, { action: 'approve' })
    await act(payload, who.r2, 'news', news.id, { action: 'approve' })
    const at = new Date(Date.now() + 5000)
    expect((await act(payload, who.r3, 'news', news.id, { action: 'approve', publishAt: at.toISOString() })).to).toBe('scheduled')
    expect((await noticesAbout('news', news.id)).filter((n) => n.kind === 'reviewPublished')).toHaveLength(0)
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 300))
    await payload.jobs.run({ queue: 'default' })
    const published = (await noticesAbout('news', news.id)).filter((n) => n.kind === 'reviewPublished')
    expect(published).toMatchObject([{ recipient: who.editor.id, body: '已到定时发布时间，内容已对学员发布。' }])
  })

  it('a refused action tells nobody', async () => {
    const news = await draftNews(payload, { summary: '其中含有测试敏感词。' })
    await rejectsWithStatus(act(payload, who.editor, 'news', news.id, { action: 'submit' }), 422)
    expect(await noticesAbout('news', news.id)).toHaveLength(0)
    await payload.delete({ collection: 'news', id: news.id, overrideAccess: true })
  })
})

describe('a course is submitted only with its parts published', () => {
  it('refuses with the list of unpublished lessons and quizzes, over REST too', async () => {
    const asCurator = { user: who.curator, overrideAccess: false, draft: true, depth: 0 } as const
    const lesson = await payload.create({
      collection: 'micro-lessons',
      ...asCurator,
      data: { title: unique('草稿微党课'), kind: 'article', body: body('学习党章。') },
    })
    const quiz = await payload.create({
      collection: 'quizzes',
      ...asCurator,
      data: {
        title: unique('草稿随堂测试'),
        mode: 'lesson',
        questionSource: 'random',
        draw: { count: 1, difficulty: 'any' },
        passScore: 60,
        attemptsAllowed: 0,
      },
    })
    const course = await payload.create({
      collection: 'courses',
      ...asCurator,
      data: { title: unique('课程'), requirement: 'elective', lessons: [lesson.id], finalQuiz: quiz.id },
    })
    created.lessons.push(lesson.id)
    created.quizzes.push(quiz.id)
    created.courses.push(course.id)

    const error = await rejectsWithStatus(act(payload, who.curator, 'courses', course.id, { action: 'submit' }), 409)
    expect(error.message).toBe(`以下组成部分尚未发布，请先将它们提交审核并发布后再提交：微党课“${lesson.title}”、测验“${quiz.title}”`)
    expect((await payload.findByID({ collection: 'courses', id: course.id, draft: true, depth: 0 })).reviewState).toBe('draft')

    // A lesson with a draft 随堂测试 is refused the same way.
    await payload.update({ collection: 'micro-lessons', id: lesson.id, ...asCurator, data: { quiz: quiz.id } })
    await rejectsWithStatus(act(payload, who.curator, 'micro-lessons', lesson.id, { action: 'submit' }), 409)

    // Over REST the curator reads the same Chinese message.
    const token = await tokenFor('curator@demo.edu.cn')
    const res = await REST_POST(config)(
      new Request(`http://localhost/api/courses/${course.id}/review`, {
        method: 'POST',
        ...rest(token),
        body: JSON.stringify({ action: 'submit' }),
      }),
      {
        params: Promise.resolve({ slug: ['courses', String(course.id), 'review'] }),
      },
    )
    expect(res.status).toBe(409)
    expect(((await res.json()) as { errors: Array<{ message: string }> }).errors[0].message).toContain(`测验“${quiz.title}”`)

    // Once the parts are published through their own review, the course goes in.
    for (const [collection, id] of [
      ['quizzes', quiz.id],
      ['micro-lessons', lesson.id],
    ] as const) {
      await act(payload, who.curator, collection, id, { action: 'submit' })
      for (const r of [who.r1, who.r2, who.r3]) await act(payload, r, collection, id, { action: 'approve' })
    }
    expect((await act(payload, who.curator, 'courses', course.id, { action: 'submit' })).to).toBe('pendingFirst')

    // Out of the queues and the catalogue again, so the rows can be removed afterwards.
    await act(payload, who.r1, 'courses', course.id, { action: 'return', reason: '测试完毕' })
    for (const [collection, id] of [
      ['micro-lessons', lesson.id],
      ['quizzes', quiz.id],
    ] as const) {
      await act(payload, who.r3, collection, id, { action: 'withdraw', reason: '测试完毕' })
    }
  })
})

describe('the 随堂测试 picker', () => {
  it('offers and accepts lesson quizzes only', async () => {
    const daily = (await payload.find({ collection: 'quizzes', where: { mode: { equals: 'daily' } }, depth: 0, limit: 1 })).docs[0]
    expect(daily).toBeTruthy()
    const asCurator = { user: who.curator, overrideAccess: false, draft: true, depth: 0 } as const
    const lesson = await payload.create({
      collection: 'micro-lessons',
      ...asCurator,
      data: { title: unique('草稿微党课'), kind: 'article', body: body('学习党章。') },
    })
    created.lessons.push(lesson.id)
    await expect(payload.update({ collection: 'micro-lessons', id: lesson.id, ...asCurator, data: { quiz: daily.id } })).rejects.toThrow(
      /随堂测试/,
    )
    expect((await payload.findByID({ collection: 'micro-lessons', id: lesson.id, draft: true, depth: 0 })).quiz ?? null).toBeNull()
  })
})

describe('GET /api/{collection}/{id}/sensitive-check', () => {
  const check = (token: string | null, id: number | string) =>
    REST_GET(config)(new Request(`http://localhost/api/news/${id}/sensitive-check`, token ? rest(token) : {}), {
      params: Promise.resolve({ slug: ['news', String(id), 'sensitive-check'] }),
    })

  it('lists the hits of the latest draft for content staff, and nobody else', async () => {
    const news = await draftNews(payload, { summary: '其中含有测试敏感词。' })
    const [r1, member] = await Promise.all([tokenFor('reviewer1@demo.edu.cn'), tokenFor('member@demo.edu.cn')])
    const res = await check(r1, news.id)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { hits: Array<{ word: string; field: string }> }).hits).toMatchObject([
      { word: '测试敏感词', field: 'summary' },
    ])
    expect((await check(member, news.id)).status).toBe(403)
    expect((await check(null, news.id)).status).toBe(401)
    await payload.delete({ collection: 'news', id: news.id, overrideAccess: true })
    expect((await check(r1, news.id)).status).toBe(404)
  })
})
