import { randomUUID } from 'crypto'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'

import { SKIP_AUDIT } from '../../src/audit/hooks'
import { blocksToLexical } from '../../src/content/lexical'
import { REVIEW_TRANSITION } from '../../src/workflow/config'
import { heartbeat } from '../../src/study/service'
import { demoMp3, demoMp4 } from '../../seed/media'
import { personData, unique, type TestUser } from './payload'

const SYSTEM = { [REVIEW_TRANSITION]: true, [SKIP_AUDIT]: true }

const testMedia = new Map<string, Promise<number>>()

/** A video or audio file really `seconds` long (seed/media.ts), uploaded once per length and reused. */
export const mediaOfLength = (payload: Payload, kind: 'video' | 'audio', seconds: number) => {
  const name = `test-${kind}-${seconds}s.${kind === 'video' ? 'mp4' : 'mp3'}`
  if (!testMedia.has(name)) {
    testMedia.set(
      name,
      (async () => {
        const found = await payload.find({ collection: 'media', where: { filename: { equals: name } }, limit: 1, depth: 0 })
        if (found.docs[0]) return found.docs[0].id as number
        const data = kind === 'video' ? demoMp4(seconds) : demoMp3(seconds)
        const doc = await payload.create({
          collection: 'media',
          depth: 0,
          data: {},
          file: { data, name, mimetype: kind === 'video' ? 'video/mp4' : 'audio/mpeg', size: data.length },
        })
        return doc.id as number
      })(),
    )
  }
  return testMedia.get(name)!
}

/**
 * A published micro-lesson made directly (as the seed does), for progress tests. A video or audio
 * lesson gets a file really `durationMinutes` (or `lengthSeconds`) long: its length and 学时 are
 * derived from the file, as an article's are from its text.
 */
export const publishedLesson = async (
  payload: Payload,
  data: Partial<RequiredDataFromCollectionSlug<'micro-lessons'>> & { lengthSeconds?: number; readingMinutes?: number } = {},
) => {
  const kind = data.kind ?? 'article'
  let media: number | undefined
  if (kind !== 'article') {
    const seconds = Number(data.lengthSeconds ?? Number(data.durationMinutes ?? 5) * 60)
    media = await mediaOfLength(payload, kind, seconds)
  }
  const { lengthSeconds: _ignored, readingMinutes, ...rest } = data
  // An article about `readingMinutes` long at the default 300 characters a minute (11 characters a sentence).
  const text = readingMinutes
    ? '党支部是党的基础组织。'.repeat(Math.round((Number(readingMinutes) * 300) / 11))
    : '党支部是党的基础组织。'.repeat(40)
  return payload.create({
    collection: 'micro-lessons',
    context: SYSTEM,
    depth: 0,
    data: {
      title: unique('测试微党课'),
      kind,
      body: blocksToLexical([{ p: text }]),
      media,
      _status: 'published',
      reviewState: 'published',
      ...rest,
    },
  })
}

/** A published news item made directly, for reading tests. */
export const publishedNews = (payload: Payload) =>
  payload.create({
    collection: 'news',
    context: SYSTEM,
    depth: 0,
    data: {
      title: unique('测试新闻'),
      column: 'grassroots',
      body: blocksToLexical([{ p: '支部开展主题党日活动。'.repeat(5) }]),
      _status: 'published',
      reviewState: 'published',
    },
  })

/** Every member freshMember made in this test file (the credit invariant is checked over them). */
export const membersMade: number[] = []

/** A fresh member (so no other test's beats interfere). */
export const freshMember = async (payload: Payload, extra: Record<string, unknown> = {}) => {
  const doc = await payload.create({ collection: 'users', data: personData(unique('学员'), { politicalStage: 'full', ...extra }) })
  membersMade.push(doc.id as number)
  return { ...doc, collection: 'users' } as TestUser
}

export const T0 = new Date('2026-03-02T02:00:00Z')
export const after = (seconds: number, from = T0) => new Date(from.getTime() + seconds * 1000)

/** Sends one beat for a member at a given server time. */
export const beat = (
  payload: Payload,
  member: TestUser,
  item: { collection?: 'micro-lessons' | 'red-resources' | 'news'; id: number },
  event: 'start' | 'heartbeat' | 'complete',
  at: Date,
  extra: { position?: number; beatId?: string; scrolledToEnd?: boolean } = {},
) =>
  heartbeat(
    payload,
    { id: member.id as number, organizationId: null },
    {
      collection: item.collection ?? 'micro-lessons',
      id: item.id,
      event,
      position: extra.position ?? 0,
      beatId: extra.beatId ?? randomUUID(),
      scrolledToEnd: extra.scrolledToEnd,
    },
    at,
  )

/**
 * A member reads an article honestly for `seconds`, ending at `end`: a start, a beat every minute
 * while scrolling down, and `complete` at the end with the text scrolled to its end.
 */
export const readArticle = async (
  payload: Payload,
  member: TestUser,
  item: { collection?: 'micro-lessons' | 'red-resources' | 'news'; id: number },
  end: Date,
  seconds: number,
) => {
  const start = new Date(end.getTime() - seconds * 1000)
  await beat(payload, member, item, 'start', start)
  for (let t = 60; t < seconds; t += 60) await beat(payload, member, item, 'heartbeat', after(t, start), { position: t / seconds })
  return beat(payload, member, item, 'complete', end, { position: 1, scrolledToEnd: true })
}
