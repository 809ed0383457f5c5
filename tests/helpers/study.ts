import { randomUUID } from 'crypto'
import type { Payload } from 'payload'

import { SKIP_AUDIT } from '../../src/audit/hooks'
import { blocksToLexical } from '../../src/content/lexical'
import { REVIEW_TRANSITION } from '../../src/workflow/config'
import { heartbeat } from '../../src/study/service'
import { personData, unique, type TestUser } from './payload'

const SYSTEM = { [REVIEW_TRANSITION]: true, [SKIP_AUDIT]: true }

/** A published micro-lesson made directly (as the seed does), for progress tests. */
export const publishedLesson = async (payload: Payload, data: Record<string, unknown> = {}) => {
  const kind = (data.kind as string) ?? 'article'
  let media: number | undefined
  if (kind !== 'article') {
    const name = kind === 'video' ? 'demo-lesson.mp4' : 'demo-lesson.mp3'
    media = (await payload.find({ collection: 'media', where: { filename: { equals: name } }, limit: 1, depth: 0 })).docs[0].id
  }
  return payload.create({
    collection: 'micro-lessons',
    context: SYSTEM,
    depth: 0,
    data: {
      title: unique('测试微党课'),
      kind,
      durationMinutes: 5,
      creditHours: 1,
      body: blocksToLexical([{ p: '党支部是党的基础组织。'.repeat(40) }]),
      media,
      _status: 'published',
      reviewState: 'published',
      ...data,
    } as never,
  })
}

/** A published news item made directly, for reading tests. */
export const publishedNews = (payload: Payload) =>
  payload.create({
    collection: 'news',
    context: SYSTEM,
    depth: 0,
    data: { title: unique('测试新闻'), column: 'grassroots', body: blocksToLexical([{ p: '支部开展主题党日活动。'.repeat(5) }]), _status: 'published', reviewState: 'published' } as never,
  })

/** A fresh member (so no other test's beats interfere). */
export const freshMember = async (payload: Payload, extra: Record<string, unknown> = {}) => {
  const doc = await payload.create({ collection: 'users', data: personData(unique('学员'), { politicalStage: 'full', ...extra }) as never })
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
    { collection: item.collection ?? 'micro-lessons', id: item.id, event, position: extra.position ?? 0, beatId: extra.beatId ?? randomUUID(), scrolledToEnd: extra.scrolledToEnd },
    at,
  )
