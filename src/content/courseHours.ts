import type { FieldHook, PayloadRequest } from 'payload'

import { idOf } from '../access/roles'

type LessonRef = number | string | { id: number | string; creditHours?: number | null }

const CACHE = 'lessonCreditHours'

type Loader = { hours: Map<string, Promise<number>>; batch: Set<string> | null; fetched: Promise<Map<string, number>> | null }

/**
 * Lesson hours for every course read in one request, in one query: Payload runs the courses' read
 * hooks side by side, so ids asked for in the same turn of the event loop are fetched together.
 */
const lessonHours = (req: PayloadRequest, ids: string[]): Promise<number[]> => {
  const loader = (req.context[CACHE] ??= { hours: new Map(), batch: null, fetched: null }) as Loader
  for (const id of ids) {
    if (loader.hours.has(id)) continue
    if (!loader.batch) {
      // A new batch, sent at the next turn of the event loop with every id added until then.
      const batch = (loader.batch = new Set<string>())
      loader.fetched = new Promise<Map<string, number>>((resolve, reject) => {
        setImmediate(() => {
          loader.batch = null
          req.payload
            .find({
              collection: 'micro-lessons',
              where: { id: { in: [...batch] } },
              depth: 0,
              limit: 0,
              pagination: false,
              overrideAccess: true,
              req,
              select: { creditHours: true },
            })
            .then(({ docs }) => resolve(new Map(docs.map((d) => [String(d.id), d.creditHours ?? 0]))), reject)
        })
      })
    }
    loader.batch!.add(id)
    loader.hours.set(
      id,
      loader.fetched!.then((found) => found.get(id) ?? 0),
    )
  }
  return Promise.all(ids.map((id) => loader.hours.get(id)!))
}

/**
 * A course's total credit hours are the sum of its lessons' (never typed twice). Computed on read;
 * lesson hours are fetched once per request for all courses read in it, not once per course.
 */
export const sumLessonCreditHours: FieldHook = async ({ siblingData, req }) => {
  const lessons = (siblingData?.lessons ?? []) as LessonRef[]
  if (!lessons.length) return 0
  const hours = await Promise.all(
    lessons.map((l) =>
      typeof l === 'object' && l && typeof l.creditHours === 'number'
        ? l.creditHours
        : lessonHours(req, [String(idOf(l))]).then((h) => h[0]),
    ),
  )
  const total = hours.reduce<number>((sum, h) => sum + h, 0)
  return Math.round(total * 100) / 100
}
