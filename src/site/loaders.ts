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
const byId = <T>(collection: 'courses' | 'micro-lessons' | 'news' | 'red-resources' | 'quizzes', depth: number) =>
  cache(async (id: number): Promise<T | null> => {
    const [payload, user] = await Promise.all([getSitePayload(), getSiteUser()])
    const preview = await previewingDrafts(user)
    const { docs } = await payload.find({
      collection,
      overrideAccess: false,
      user: user ?? undefined,
      depth,
      limit: 1,
      pagination: false,
      draft: preview,
      where: preview ? { id: { equals: id } } : publishedAnd({ id: { equals: id } }),
    })
    return (docs[0] as T | undefined) ?? null
  })

export const loadCourse = byId<Course>('courses', 1)
export const loadLesson = byId<MicroLesson>('micro-lessons', 1)
export const loadNews = byId<News>('news', 1)
export const loadResource = byId<RedResource>('red-resources', 1)
export const loadQuiz = byId<Quiz>('quizzes', 0)
