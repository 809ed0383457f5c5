import type { Payload, Where } from 'payload'

import { CONTENT_KINDS } from '../content/kinds'
import { coverImages, type CoverImage } from './Cover'
import type { Course, MicroLesson, News, Quiz } from '../payload-types'
import { progressKey, type Member, type ProgressRow } from '../study/read'
import { idOfRel, publishedAnd, quizWindow } from './content'
import { audienceOf, keptWhileContentUnchanged } from './kept'

/**
 * Site reads, always as the reader (`overrideAccess: false`): audience rules and "published only"
 * apply exactly as through the API. `user` undefined is an anonymous visitor.
 */
type Reader = Member | null | undefined
const as = (user: Reader) => ({ overrideAccess: false, user: user ?? undefined }) as const
/**
 * For lists whose total nobody reads: without it Payload counts the matches in a second statement
 * (each of 首页's lists paid one; measured with `npm run load`, see the README).
 */
const noTotal = { pagination: false } as const

const NEWS_LIST_SELECT = { title: true, column: true, summary: true, publishedAt: true, pinnedUntil: true, cover: true } as const
export type NewsListItem = Pick<News, 'id' | 'title' | 'column' | 'summary' | 'publishedAt' | 'pinnedUntil' | 'cover'>

/** News still pinned (pinnedUntil in the future), newest first. */
export const pinnedNews = async (payload: Payload, user: Reader, limit = 3, column?: string): Promise<NewsListItem[]> => {
  const { docs } = await payload.find({
    collection: 'news',
    ...as(user),
    ...noTotal,
    depth: 0,
    limit,
    sort: '-publishedAt',
    select: NEWS_LIST_SELECT,
    where: publishedAnd({ pinnedUntil: { greater_than: new Date().toISOString() } }, column ? { column: { equals: column } } : null),
  })
  return docs as NewsListItem[]
}

type HomeNews = { pinned: NewsListItem[]; latest: NewsListItem[]; covers: Map<number, CoverImage> }

/**
 * 首页's news is the same for every reader while news has no audience and visitors read it
 * (CONTENT_KINDS.news): read once per process and kept (src/site/kept.ts) until content changes,
 * the first pinned item's pin ends, or HOME_NEWS_TTL_MS passes; with the covers' thumbnails. Saves
 * 首页 three Payload reads each time: under `npm run load` a page's CPU went mostly to Payload
 * building queries (drizzle) and to GC.
 */
const HOME_NEWS_TTL_MS = 30_000
const keptHomeNews = keptWhileContentUnchanged<HomeNews>({
  ttlMs: HOME_NEWS_TTL_MS,
  until: (news) => Math.min(Infinity, ...news.pinned.map((n) => Date.parse(String(n.pinnedUntil))).filter(Number.isFinite)),
})
const newsIsShared = !CONTENT_KINDS.news.audience && CONTENT_KINDS.news.public

/** Pinned news first, then the latest, without repeats, and their covers. */
export const homeNews = async (payload: Payload, user: Reader, limit = 6): Promise<HomeNews> =>
  newsIsShared ? keptHomeNews(payload, String(limit), () => readHomeNews(payload, null, limit)) : readHomeNews(payload, user, limit)

const readHomeNews = async (payload: Payload, user: Reader, limit: number): Promise<HomeNews> => {
  const { pinned, latest } = await readNewsLists(payload, user, limit)
  return {
    pinned,
    latest,
    covers: await coverImages(
      payload,
      [...pinned, ...latest].map((n) => n.cover),
    ),
  }
}

const readNewsLists = async (payload: Payload, user: Reader, limit: number) => {
  const pinned = await pinnedNews(payload, user, 3)
  const { docs } = await payload.find({
    collection: 'news',
    ...as(user),
    ...noTotal,
    depth: 0,
    limit: limit + pinned.length,
    sort: '-publishedAt',
    select: NEWS_LIST_SELECT,
    where: publishedAnd(),
  })
  const pinnedIds = new Set(pinned.map((n) => n.id))
  return { pinned, latest: (docs as NewsListItem[]).filter((n) => !pinnedIds.has(n.id)).slice(0, Math.max(0, limit - pinned.length)) }
}

/** The published daily quiz (每日答题) the member may take, if any. */
export const dailyQuiz = async (payload: Payload, user: Member): Promise<Quiz | null> => {
  const docs = await dailyQuizzesFor(payload, user)
  // The window is judged on each view: a quiz opening or closing needs no change to the list.
  return docs.find((q) => quizWindow(q) === 'open') ?? docs[0] ?? null
}

/**
 * The newest published daily quizzes a person's audience sees, read once per audience and kept
 * while content is unchanged (src/site/kept.ts), a minute at most. Saves 首页 two statements
 * through Payload's query builder on every view.
 */
const keptDailyQuizzes = keptWhileContentUnchanged<Quiz[]>({ ttlMs: 60_000 })
const dailyQuizzesFor = async (payload: Payload, user: Member): Promise<Quiz[]> =>
  keptDailyQuizzes(payload, await audienceOf(payload, user), async () => {
    const { docs } = await payload.find({
      collection: 'quizzes',
      ...as(user),
      ...noTotal,
      depth: 0,
      limit: 5,
      sort: '-publishedAt',
      where: publishedAnd({ mode: { equals: 'daily' } }),
    })
    return docs
  })

export type Recommendation = { collection: 'courses'; doc: Course } | { collection: 'micro-lessons'; doc: MicroLesson }

/** 为你推荐: the newest published courses and lessons in the member's interest themes (all themes when none). */
export const recommendations = async (payload: Payload, user: Member, limit = 6): Promise<Recommendation[]> => {
  const interests = ((user as { interests?: unknown[] | null }).interests ?? []).map(idOfRel).filter((v): v is number => v !== null)
  const inThemes: Where | null = interests.length ? { themes: { in: interests } } : null
  const [courses, lessons] = await Promise.all([
    payload.find({ collection: 'courses', ...as(user), ...noTotal, depth: 0, limit, sort: '-publishedAt', where: publishedAnd(inThemes) }),
    payload.find({
      collection: 'micro-lessons',
      ...as(user),
      ...noTotal,
      depth: 0,
      limit,
      sort: '-publishedAt',
      where: publishedAnd(inThemes),
    }),
  ])
  const items: Recommendation[] = [
    ...courses.docs.map((doc) => ({ collection: 'courses' as const, doc })),
    ...lessons.docs.map((doc) => ({ collection: 'micro-lessons' as const, doc })),
  ]
  const time = (r: Recommendation) => new Date(r.doc.publishedAt ?? r.doc.createdAt).getTime()
  return items.sort((a, b) => time(b) - time(a)).slice(0, limit)
}

/** Titles of the items in a study record, read as the member (an item they can no longer read is left out). */
export const titlesOf = async (
  payload: Payload,
  user: Member,
  rows: Array<Pick<ProgressRow, 'collection' | 'itemId'>>,
): Promise<Map<string, string>> => {
  const byCollection = new Map<ProgressRow['collection'], number[]>()
  for (const r of rows) byCollection.set(r.collection, [...(byCollection.get(r.collection) ?? []), r.itemId])
  const titles = new Map<string, string>()
  await Promise.all(
    [...byCollection.entries()].map(async ([collection, ids]) => {
      const { docs } = await payload.find({
        collection,
        ...as(user),
        depth: 0,
        limit: ids.length,
        pagination: false,
        select: { title: true },
        where: publishedAnd({ id: { in: ids } }),
      })
      for (const d of docs as Array<{ id: number; title?: string }>) titles.set(progressKey(collection, d.id), d.title ?? '')
    }),
  )
  return titles
}

export { allThemes } from '../content/themes'
