import type { PopulateType } from 'payload'

import type { Course, MicroLesson, News, Quiz, RedResource } from '../payload-types'

import { getSitePayload, getSiteUser } from './auth'
import { publishedAnd } from './content'
import { audienceOf, keptWhileContentUnchanged } from './kept'
import { previewingDrafts } from './preview'
import { perRequest } from './request'

/**
 * One published item by id, read as the signed-in person (or as a visitor): the same for everyone
 * of their audience, so kept per audience while content is unchanged, and per request so
 * `generateMetadata` and the page share one lookup. Content staff previewing (GET /preview) read
 * the latest draft instead, through the same access rules, never kept.
 */
const byId = <T>(
  collection: 'courses' | 'micro-lessons' | 'news' | 'red-resources' | 'quizzes',
  depth: number,
  populate?: PopulateType,
) => {
  // A minute at most, as 首页's lists.
  const kept = keptWhileContentUnchanged<T | null>({ ttlMs: 60_000 })
  return perRequest(async (id: number): Promise<T | null> => {
    const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
    const preview = await previewingDrafts(user)
    const read = async () => {
      const { docs } = await payload.find({
        collection,
        overrideAccess: false,
        user: user ?? undefined,
        depth,
        ...(populate ? { populate } : {}),
        limit: 1,
        pagination: false,
        draft: preview,
        where: preview ? { id: { equals: id } } : publishedAnd({ id: { equals: id } }),
      })
      return (docs[0] as T | undefined) ?? null
    }
    return preview ? read() : kept(payload, JSON.stringify([id, await audienceOf(payload, user)]), read)
  })
}

/**
 * A course with what its pages show of its lessons (the catalogue line, and whether each is
 * published) and of its final quiz, not each lesson's text, transcript and relations, read and
 * dropped on every view. Measured here, 150 views each after the change against before: a lesson
 * opened from its course 55 ms of CPU (machine-wide) against 62–73; the course page itself about
 * the same (51.5 against 53.6: its Payload and drizzle share stayed 17–18 % in a profile).
 */
export const loadCourse = byId<Course>('courses', 1, {
  'micro-lessons': { title: true, kind: true, durationMinutes: true, creditHours: true, cover: true, _status: true },
  quizzes: { title: true, passScore: true, _status: true },
})
/** A lesson with its media and cover whole; of its quiz, only whether it is published (its link). */
export const loadLesson = byId<MicroLesson>('micro-lessons', 1, { quizzes: { title: true, _status: true } })
export const loadNews = byId<News>('news', 1)
export const loadResource = byId<RedResource>('red-resources', 1)
export const loadQuiz = byId<Quiz>('quizzes', 0)
