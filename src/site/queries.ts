import type { Payload, Where } from 'payload'

import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole } from '../access/roles'
import { CONTENT_KINDS } from '../content/kinds'
import { ancestors } from '../organizations/tree'
import { coverImages, type CoverImage } from './Cover'
import { changeCount, listening, onChange } from '../db/notify'
import type { Course, MicroLesson, News, Quiz } from '../payload-types'
import { progressKey, type Member, type ProgressRow } from '../study/read'
import { idOfRel, publishedAnd, quizWindow } from './content'

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
 * (CONTENT_KINDS.news): read once per process and kept until the news table changes (NOTIFY
 * content_items from any process or instance, src/db/notify.ts), the first pinned item's pin ends,
 * or HOME_NEWS_TTL_MS passes; with the covers' thumbnails (a cover's own file replaced in the media
 * library shows its old thumbnail for at most that long). Saves 首页 three Payload reads each time:
 * under `npm run load` a page's CPU went mostly to Payload building queries (drizzle) and to GC.
 */
const HOME_NEWS_TTL_MS = 30_000
let homeNewsCache: { limit: number; until: number; news: Promise<HomeNews> } | null = null
onChange('content_items', () => {
  homeNewsCache = null
})
const newsIsShared = !CONTENT_KINDS.news.audience && CONTENT_KINDS.news.public

/** Pinned news first, then the latest, without repeats, and their covers. */
export const homeNews = async (payload: Payload, user: Reader, limit = 6): Promise<HomeNews> => {
  if (!newsIsShared) return readHomeNews(payload, user, limit)
  if (homeNewsCache && homeNewsCache.limit === limit && Date.now() < homeNewsCache.until) return homeNewsCache.news
  // Listening before the read, and the read kept only if no change was heard meanwhile.
  const news = listening(payload).then(async () => {
    const seen = changeCount('content_items')
    const read = await readHomeNews(payload, null, limit)
    const pinEnds = read.pinned.map((n) => Date.parse(String(n.pinnedUntil))).filter(Number.isFinite)
    entry.until = Math.min(entry.until, ...pinEnds)
    if (seen !== changeCount('content_items') && homeNewsCache === entry) homeNewsCache = null
    return read
  })
  const entry = { limit, until: Date.now() + HOME_NEWS_TTL_MS, news }
  homeNewsCache = entry
  news.catch(() => {
    if (homeNewsCache === entry) homeNewsCache = null
  })
  return news
}

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
 * The newest published daily quizzes a person's audience sees (what access lets them read depends
 * only on their being content staff, their stage and their organisation chain: src/access/
 * readPublishedContent.ts), read once per audience and kept until a quiz changes (NOTIFY
 * content_items from any process or instance: src/db/sql/change_notices.sql) or DAILY_TTL_MS
 * passes. Saves 首页 two statements through Payload's query builder on every view.
 */
const dailyQuizzesFor = async (payload: Payload, user: Member): Promise<Quiz[]> => {
  const audience = hasRole(user, ...CONTENT_STAFF)
    ? 'staff'
    : user.active === false
      ? 'nobody'
      : JSON.stringify([user.politicalStage ?? 'masses', await ancestors(payload, idOfRel(user.organization))])
  const known = dailyCache.get(audience)
  if (known && Date.now() < known.until) return known.docs
  const docs = listening(payload).then(async () => {
    const seen = changeCount('content_items')
    const { docs: read } = await payload.find({
      collection: 'quizzes',
      ...as(user),
      ...noTotal,
      depth: 0,
      limit: 5,
      sort: '-publishedAt',
      where: publishedAnd({ mode: { equals: 'daily' } }),
    })
    if (seen !== changeCount('content_items') && dailyCache.get(audience) === entry) dailyCache.delete(audience)
    return read
  })
  const entry = { until: Date.now() + DAILY_TTL_MS, docs }
  // Audiences are few (stages × organisations); the bound only guards against something unforeseen.
  if (dailyCache.size >= 10_000) dailyCache.clear()
  dailyCache.set(audience, entry)
  docs.catch(() => {
    if (dailyCache.get(audience) === entry) dailyCache.delete(audience)
  })
  return docs
}
const DAILY_TTL_MS = 60_000
const dailyCache = new Map<string, { until: number; docs: Promise<Quiz[]> }>()
onChange('content_items', () => dailyCache.clear())

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
