import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { useSearchHost } from '../../../src/search/client'
import { related } from '../../../src/search/related'
import { drainSearchQueue } from '../../helpers/search'
import { body, draftNews, publishThrough, reviewers, type Reviewers } from '../../helpers/content'
import { demoUser, personData, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'

let payload: Payload
let who: Reviewers
let member: TestUser
let themeId: number

const relatedIds = async (user: TestUser | null, collection: string, id: number, limit = 50) =>
  (await related({ user, payload, context: {} }, { collection, id }, limit)).map((r) => r.id)

/** A published micro-lesson on the test theme, by the demo curator through the three reviews. */
const publishedLesson = async (title: string, extra: Record<string, unknown> = {}) => {
  const lesson = await payload.create({
    collection: 'micro-lessons',
    draft: true,
    user: who.curator,
    overrideAccess: false,
    depth: 0,
    data: {
      title: unique(title),
      kind: 'article',
      durationMinutes: 10,
      creditHours: 1,
      body: body('学习党章，遵守党规。'),
      themes: [themeId],
      ...extra,
    },
  })
  await publishThrough(payload, who, 'micro-lessons', lesson.id, who.curator)
  return lesson
}

beforeAll(async () => {
  payload = await testPayload()
  who = await reviewers()
  member = await demoUser('member@demo.edu.cn')
  // A theme of its own, so the seed's content does not crowd the test items out of the list.
  const suffix = unique('t')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
  themeId = (await payload.create({ collection: 'themes', data: { name: unique('相关内容测试专题'), slug: `related-${suffix}` } }))
    .id as number
  await drainSearchQueue(payload)
})
afterAll(async () => {
  useSearchHost(null)
  await releasePayload(payload)
})

describe('related content (相关内容)', () => {
  it('lists items sharing a theme, never the item itself, never what the reader may not read', async () => {
    const first = await publishedLesson('党章学习第一讲')
    const second = await publishedLesson('党章学习第二讲')
    const activistsOnly = await publishedLesson('积极分子党章学习', { audienceStages: ['activist'] })
    const news = await draftNews(payload, { title: unique('支部开展党章学习'), themes: [themeId] })
    await publishThrough(payload, who, 'news', news.id)
    const unrelated = await publishedLesson('另一个专题的微党课', { themes: [] })
    await drainSearchQueue(payload)

    const forMember = await relatedIds(member, 'micro-lessons', first.id)
    expect(forMember).toContain(`micro-lessons-${second.id}`)
    expect(forMember).toContain(`news-${news.id}`) // other kinds are allowed
    expect(forMember).not.toContain(`micro-lessons-${first.id}`)
    expect(forMember).not.toContain(`micro-lessons-${activistsOnly.id}`)
    expect(forMember).not.toContain(`micro-lessons-${unrelated.id}`)
    // The same kind first (loosely): the other lesson comes before the news item.
    expect(forMember.indexOf(`micro-lessons-${second.id}`)).toBeLessThan(forMember.indexOf(`news-${news.id}`))

    // Each item carries what the page needs to link and label it.
    const items = await related({ user: member, payload, context: {} }, { collection: 'micro-lessons', id: first.id })
    const item = items.find((r) => r.id === `micro-lessons-${second.id}`)
    expect(item).toMatchObject({ collection: 'micro-lessons', itemId: second.id, title: second.title, kind: 'article' })
    expect(item!.themes.length).toBe(1)
    expect(items.length).toBeLessThanOrEqual(4)

    // An activist may read the restricted lesson, so it is related for them.
    const activist = {
      ...(await payload.create({ collection: 'users', data: personData('积极分子', { politicalStage: 'activist' }) })),
      collection: 'users',
    } as TestUser
    expect(await relatedIds(activist, 'micro-lessons', first.id)).toContain(`micro-lessons-${activistsOnly.id}`)

    // A visitor on the news page sees public kinds only.
    const forVisitor = await relatedIds(null, 'news', news.id)
    expect(forVisitor).not.toContain(`news-${news.id}`)
    expect(forVisitor.every((id) => id.startsWith('news-') || id.startsWith('red-resources-'))).toBe(true)
    expect(forVisitor).not.toContain(`micro-lessons-${first.id}`)
    expect(await relatedIds(member, 'news', news.id)).toContain(`micro-lessons-${first.id}`)
  })

  it('has nothing for an item that is not in the index', async () => {
    const draft = await draftNews(payload, { title: unique('未发布的新闻'), themes: [themeId] })
    await drainSearchQueue(payload)
    expect(await relatedIds(member, 'news', draft.id)).toEqual([])
  })

  it('fails (for the page to catch) when Meilisearch is down, without hanging', async () => {
    useSearchHost('http://127.0.0.1:9') // nothing listens there
    try {
      await expect(related({ user: member, payload, context: {} }, { collection: 'news', id: 1 })).rejects.toThrow()
    } finally {
      useSearchHost(null)
    }
  })
})
