import type { Payload } from 'payload'

import { myProgress, progressKey, type ItemRef, type Member, type ProgressRow } from '../study/read'
import { publishedAnd } from './content'

export type HistoryRow = ProgressRow & { title: string }

const TRACKED = ['courses', 'micro-lessons', 'red-resources'] as const

/**
 * The member's per-item study record: every course, lesson and red resource they can read, with
 * their progress where there is any, newest activity first. (Reads titles as the member; the
 * progress store is asked once for all of them.)
 */
export const studyHistory = async (payload: Payload, user: Member, limit = 50): Promise<HistoryRow[]> => {
  const lists = await Promise.all(
    TRACKED.map((collection) =>
      payload
        .find({
          collection,
          overrideAccess: false,
          user,
          depth: 0,
          limit: 500,
          pagination: false,
          select: { title: true },
          where: publishedAnd(),
        })
        .then((r) => (r.docs as Array<{ id: number; title?: string }>).map((d) => ({ collection, id: d.id, title: d.title ?? '' }))),
    ),
  )
  const items = lists.flat()
  const titles = new Map(items.map((i) => [progressKey(i.collection, i.id), i.title]))
  const refs: ItemRef[] = items.map((i) => ({ collection: i.collection, id: i.id }))
  const progress = await myProgress(payload, user, refs)
  return [...progress.values()]
    .filter((row) => titles.has(progressKey(row.collection, row.itemId)))
    .map((row) => ({ ...row, title: titles.get(progressKey(row.collection, row.itemId)) ?? '' }))
    .sort((a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime())
    .slice(0, limit)
}
