import type { Payload, PayloadRequest } from 'payload'

import { TRACKED_KINDS, type TrackedKind } from '../content/kinds'
import { lexicalToPlainText } from '../content/lexical'
import { changeCount, listening, onChange } from '../db/notify'
import { nullUnlessUnavailable } from '../db/unavailable'
import { clearStudyRulesCache, studyRules } from './derive'
import { DEFAULT_READING_CHARS_PER_MINUTE, readableLength, readingSeconds } from './length'

/** The kinds the player credits study time on (src/content/kinds.ts). */
export type TrackedCollection = TrackedKind
export const TRACKED_COLLECTIONS: readonly TrackedCollection[] = TRACKED_KINDS

/** What the heartbeat path needs to know about an item, cached briefly (content changes rarely). */
export type ItemMeta = {
  collection: TrackedCollection
  id: number
  kind: 'video' | 'audio' | 'article'
  /** The item's real length in seconds: the media file's duration, or the text at the study-reading speed (the server's, never the client's). */
  durationSeconds: number
  /** The reading length of its text in seconds (for articles the same as durationSeconds). */
  readSeconds: number
  /** Its 学时, derived from the real length (micro-lessons; 0 for news and red resources). */
  creditHours: number
  quizId: number | null
  quizRequired: boolean
}

/** The default study-reading speed (平台设置 may set another): see src/study/length.ts. */
export const CHARS_PER_MINUTE = DEFAULT_READING_CHARS_PER_MINUTE
const TTL_MS = 60_000
const cache = new Map<string, { at: number; meta: ItemMeta | null }>()

/** A text's reading length in seconds at the study-reading speed (readable characters, no white space). */
export const readSecondsFor = (text: string, charsPerMinute: number = CHARS_PER_MINUTE) =>
  readingSeconds(readableLength(text), charsPerMinute)

/** Loads (or returns the cached) metadata of a published item; null when it is not published. */
export const itemMeta = async (
  payload: Payload,
  collection: TrackedCollection,
  id: number,
  /** Inside a transaction: read on its connection (src/db/transaction.ts). */
  req?: PayloadRequest,
): Promise<ItemMeta | null> => {
  const key = `${collection}:${id}`
  const hit = cache.get(key)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.meta
  await listening(payload)
  const seen = changeCount('content_items')
  const doc = (await payload
    .findByID({ collection, id, depth: 1, overrideAccess: true, disableErrors: true, req })
    .catch(nullUnlessUnavailable)) as Record<string, unknown> | null
  let meta: ItemMeta | null = null
  if (doc && doc._status === 'published') {
    const rules = await studyRules(payload, req)
    const text = `${doc.title ?? ''}${doc.summary ?? ''}${lexicalToPlainText(doc.body)}`
    const readSeconds = readSecondsFor(text, rules.readingCharsPerMinute)
    if (collection === 'micro-lessons') {
      const quiz = doc.quiz as { id: number; requiredToComplete?: boolean; _status?: string } | number | null
      const kind = doc.kind as ItemMeta['kind']
      meta = {
        collection,
        id,
        kind,
        // Derived when the lesson was saved (src/study/derive.ts): the file's duration or the text's reading length.
        durationSeconds: Number(doc.durationSeconds ?? 0),
        readSeconds,
        creditHours: Number(doc.creditHours ?? 0),
        quizId: typeof quiz === 'object' && quiz ? quiz.id : typeof quiz === 'number' ? quiz : null,
        quizRequired: typeof quiz === 'object' && quiz !== null && Boolean(quiz.requiredToComplete),
      }
    } else {
      meta = {
        collection,
        id,
        kind: 'article',
        durationSeconds: readSeconds,
        readSeconds,
        creditHours: 0,
        quizId: null,
        quizRequired: false,
      }
    }
  }
  if (seen === changeCount('content_items')) cache.set(key, { at: Date.now(), meta })
  return meta
}

/** Courses that contain a lesson, with their lesson lists (to complete a course with its last lesson). Read on `req`'s transaction when given. */
export const coursesContaining = async (
  payload: Payload,
  lessonId: number,
  req?: PayloadRequest,
): Promise<Array<{ id: number; lessons: number[] }>> => {
  const key = `courses-of:${lessonId}`
  const hit = courseCache.get(key)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.courses
  await listening(payload)
  const seen = changeCount('content_items')
  const { docs } = await payload.find({
    collection: 'courses',
    where: { and: [{ lessons: { in: [lessonId] } }, { _status: { equals: 'published' } }] },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { lessons: true },
    req,
  })
  const courses = docs.map((c) => ({
    id: c.id as number,
    lessons: (c.lessons ?? []).map((l) => (typeof l === 'object' ? l.id : l) as number),
  }))
  if (seen === changeCount('content_items')) courseCache.set(key, { at: Date.now(), courses })
  return courses
}
const courseCache = new Map<string, { at: number; courses: Array<{ id: number; lessons: number[] }> }>()

/** Forget cached metadata (tests change items and read them back at once). */
export const clearItemCache = () => {
  clearStudyRulesCache()
  cache.clear()
  courseCache.clear()
}
// An item or course saved through any process or instance (src/db/notify.ts).
onChange('content_items', () => {
  cache.clear()
  courseCache.clear()
})
