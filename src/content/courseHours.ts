import type { FieldHook } from 'payload'

import { idOf } from '../access/roles'

type LessonRef = number | string | { id: number | string; creditHours?: number | null }

const CACHE = 'lessonCreditHours'

/**
 * A course's total credit hours are the sum of its lessons' (never typed twice). Computed on read;
 * lesson hours are fetched once per request for all courses read in it, not once per course.
 */
export const sumLessonCreditHours: FieldHook = async ({ siblingData, req }) => {
  const lessons = (siblingData?.lessons ?? []) as LessonRef[]
  if (!lessons.length) return 0
  const cache = (req.context[CACHE] ??= new Map<string, number>()) as Map<string, number>
  for (const l of lessons) {
    if (typeof l === 'object' && l && typeof l.creditHours === 'number') cache.set(String(l.id), l.creditHours)
  }
  const missing = lessons.map((l) => String(idOf(l))).filter((id) => !cache.has(id))
  if (missing.length) {
    const { docs } = await req.payload.find({
      collection: 'micro-lessons',
      where: { id: { in: missing } },
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: true,
      req,
      select: { creditHours: true },
    })
    for (const doc of docs) cache.set(String(doc.id), doc.creditHours ?? 0)
    for (const id of missing) if (!cache.has(id)) cache.set(id, 0)
  }
  const total = lessons.reduce<number>((sum, l) => sum + (cache.get(String(idOf(l))) ?? 0), 0)
  return Math.round(total * 100) / 100
}
