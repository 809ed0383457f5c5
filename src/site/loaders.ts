import type { PopulateType, SelectType } from 'payload'
import { cache } from 'react'

import type { Course, MicroLesson, News, Quiz, RedResource } from '../payload-types'

import { getSitePayload, getSiteUser } from './auth'
import { publishedAnd } from './content'
import { previewingDrafts } from './preview'

/**
 * One published item by id, read as the signed-in person (or as a visitor). Cached per request so
 * `generateMetadata` and the page share one query. Content staff previewing (GET /preview) read the
 * latest draft instead, through the same access rules.
 */
const byId = <T>(collection: 'courses' | 'micro-lessons' | 'news' | 'red-resources' | 'quizzes', depth: number, shape: { select?: SelectType; populate?: PopulateType } = {}) =>
  cache(async (id: number): Promise<T | null> => {
    const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
    const preview = await previewingDrafts(user)
    const { docs } = await payload.find({
      collection,
      overrideAccess: false,
      user: user ?? undefined,
      depth,
      ...shape,
      limit: 1,
      pagination: false,
      draft: preview,
      where: preview ? { id: { equals: id } } : publishedAnd({ id: { equals: id } }),
    })
    return (docs[0] as T | undefined) ?? null
  })

export const loadCourse = byId<Course>('courses', 1)
/**
 * The course page's course: only the fields it shows, and of its lessons and final quiz only what
 * the catalogue lists. Populating whole lessons ran the rich-text hooks of every lesson's body, and the
 * course's curator, themes and audience were read and never shown (`npm run load`: README).
 */
export const loadCoursePage = byId<Course>('courses', 1, {
  select: { title: true, summary: true, requirement: true, totalCreditHours: true, cover: true, body: true, lessons: true, finalQuiz: true, _status: true },
  populate: {
    'micro-lessons': { title: true, kind: true, durationMinutes: true, creditHours: true, cover: true, _status: true },
    quizzes: { title: true, passScore: true, _status: true },
  },
})
export const loadLesson = byId<MicroLesson>('micro-lessons', 1)
export const loadNews = byId<News>('news', 1)
export const loadResource = byId<RedResource>('red-resources', 1)
export const loadQuiz = byId<Quiz>('quizzes', 0)
