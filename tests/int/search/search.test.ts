import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainSearchQueue } from '../../helpers/search'
import { INDEX_UID, searchClient, useSearchHost } from '../../../src/search/client'
import { readerOf } from '../../../src/search/http'
import { poolOf } from '../../../src/db/pool'
import { audienceFilter, searchContent } from '../../../src/search/query'
import { reindexAll } from '../../../src/search/reindex'
import { act, body, draftNews, publishThrough, reviewers, type Reviewers } from '../../helpers/content'
import { demoUser, personData, releasePayload, testPayload, type TestUser, tokenFor, unique } from '../../helpers/payload'

let payload: Payload
let who: Reviewers
let member: TestUser

const drain = () => drainSearchQueue(payload)
const find = async (q: string, user: TestUser | null = member) =>
  (await searchContent({ user, payload, context: {} }, { q, hitsPerPage: 50 })).hits.map((h) => h.id)

beforeAll(async () => {
  payload = await testPayload()
  who = await reviewers()
  member = await demoUser('member@demo.edu.cn')
  await drain()
})
afterAll(async () => {
  useSearchHost(null)
  await releasePayload(payload)
})

describe('indexing through the jobs queue', () => {
  it('makes a published item findable by a Chinese query, and withdrawal and deletion remove it', async () => {
    const doc = await draftNews(payload, {
      title: unique('沙洲坝红井参观记'),
      body: body('支部党员来到瑞金沙洲坝，参观红井旧址，重温“吃水不忘挖井人”的故事。'),
    })
    await drain()
    expect(await find('沙洲坝')).not.toContain(`news-${doc.id}`) // a draft is not searchable
    await publishThrough(payload, who, 'news', doc.id)
    await drain()
    expect(await find('沙洲坝')).toContain(`news-${doc.id}`)
    expect(await find('红井', null)).toContain(`news-${doc.id}`) // visitors read news

    await act(payload, who.r3, 'news', doc.id, { action: 'withdraw', reason: '下线测试' })
    await drain()
    expect(await find('沙洲坝')).not.toContain(`news-${doc.id}`)

    await payload.delete({ collection: 'news', id: doc.id, user: who.editor, overrideAccess: false })
    await drain()
    const stored = await searchClient()
      .index(INDEX_UID())
      .getDocument(`news-${doc.id}`)
      .catch(() => null)
    expect(stored).toBeNull()
  })

  it('keeps the published text while a draft revision waits', async () => {
    const doc = await draftNews(payload, { title: unique('古田会议纪念馆参观'), body: body('学习古田会议精神。') })
    await publishThrough(payload, who, 'news', doc.id)
    await payload.update({
      collection: 'news',
      id: doc.id,
      draft: true,
      user: who.editor,
      overrideAccess: false,
      data: { title: unique('遵义会议纪念馆参观') },
    })
    await drain()
    expect(await find('古田')).toContain(`news-${doc.id}`)
    expect(await find('遵义会议纪念馆参观')).not.toContain(`news-${doc.id}`)
  })

  it('never shows a member what they may not read', async () => {
    const lesson = await payload.create({
      collection: 'micro-lessons',
      draft: true,
      user: who.curator,
      overrideAccess: false,
      data: {
        title: unique('入党积极分子专题微党课'),
        kind: 'article',
        durationMinutes: 10,
        creditHours: 1,
        body: body('积极分子培养考察的要求。'),
        audienceStages: ['activist'],
      },
    })
    await publishThrough(payload, who, 'micro-lessons', lesson.id, who.curator)
    await drain()
    const activist = await payload.create({ collection: 'users', data: personData('积极分子', { politicalStage: 'activist' }) })
    expect(await find('积极分子', { ...activist, collection: 'users' } as TestUser)).toContain(`micro-lessons-${lesson.id}`)
    expect(await find('积极分子', member)).not.toContain(`micro-lessons-${lesson.id}`)
    expect(await find('积极分子', null)).not.toContain(`micro-lessons-${lesson.id}`)
  })

  it("reads the same reader on the app server's fast path as through Payload, and an ended session as a visitor", async () => {
    const token = await tokenFor('member@demo.edu.cn')
    const headers = new Headers({ Authorization: `JWT ${token}` })
    const fast = await readerOf(payload, headers)
    expect(fast.user?.id).toBe(member.id)
    const viaPayload = { user: member, payload, context: {} }
    expect(await audienceFilter(fast)).toBe(await audienceFilter(viaPayload))
    expect(await audienceFilter(fast)).toContain('audienceOrgs IN')
    // Logging out removes the session; the same (unexpired) token then reads as a visitor.
    const sid = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid
    await poolOf(payload).query('DELETE FROM users_sessions WHERE id = $1', [sid])
    const after = await readerOf(payload, headers)
    expect(after.user).toBeNull()
    expect(await audienceFilter(after)).toBe('collection IN ["news", "red-resources"]')
    expect((await readerOf(payload, new Headers({ Authorization: 'JWT not-a-token' }))).user).toBeNull()
  })

  it('lets saves succeed while Meilisearch is down and catches up when it is back, with no manual step', async () => {
    useSearchHost('http://127.0.0.1:9') // nothing listens there: Meilisearch is "down"
    const doc = await draftNews(payload, { title: unique('延安杨家岭旧址') })
    const published = await publishThrough(payload, who, 'news', doc.id)
    expect(published.to).toBe('published')
    await payload.jobs.run({ queue: 'search', limit: 500 })
    const failed = await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'syncSearch' } }, { 'input.id': { equals: String(doc.id) } }] },
      depth: 0,
    })
    expect(failed.docs.some((j) => (j.totalTried ?? 0) >= 1 && !j.completedAt)).toBe(true)

    useSearchHost(null) // back up
    await expect
      .poll(
        async () => {
          await payload.jobs.run({ queue: 'search', limit: 500 })
          return find('杨家岭')
        },
        { timeout: 40_000, interval: 2_000 },
      )
      .toContain(`news-${doc.id}`)
  })
})

describe('reindex', () => {
  it('rebuilds into a new index and swaps it in without an empty moment', async () => {
    const before = (await searchClient().index(INDEX_UID()).getStats()).numberOfDocuments
    let polling = true
    const seen: number[] = []
    const poller = (async () => {
      while (polling) seen.push((await searchContent({ user: member, payload, context: {} }, { q: '党' })).totalHits)
    })()
    const count = await reindexAll(payload)
    polling = false
    await poller
    expect(count).toBeGreaterThan(50)
    expect(seen.length).toBeGreaterThan(3)
    expect(Math.min(...seen)).toBeGreaterThan(0)
    expect((await searchClient().index(INDEX_UID()).getStats()).numberOfDocuments).toBe(count)
    expect(before).toBeGreaterThan(0)
  })
})
