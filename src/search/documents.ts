import type { Payload } from 'payload'

import { idOf } from '../access/roles'
import { CONTENT_KINDS } from '../content/kinds'
import { lexicalToPlainText } from '../content/lexical'
import { poolOf } from '../db/pool'
import { isReviewedCollection, type ReviewedCollection } from '../workflow/config'
import { recentLearners } from './queries'
import { pinyinWords, toSimplified } from './tolerance'

/** What the index holds for one published item. No personal data: no authors, no reviewers. */
export type SearchDocument = {
  id: string
  collection: ReviewedCollection
  itemId: number
  kind: string
  title: string
  summary: string
  text: string
  /** Title, summary and text in simplified characters, only when they held traditional ones. */
  simplified: string
  /** Pinyin words of the title and themes (src/search/tolerance.ts). */
  pinyin: string
  themes: string[]
  themeIds: number[]
  audienceAllStages: boolean
  audienceStages: string[]
  audienceAllOrgs: boolean
  audienceOrgs: number[]
  requirement: string | null
  creditHours: number | null
  publishedAt: number
  updatedAt: string
  popularity: number
}

export const documentId = (collection: string, id: number | string) => `${collection}-${id}`

const TEXT_LIMIT = 6000
const themeNames = new Map<number, string>()

const themeName = async (payload: Payload, id: number) => {
  if (!themeNames.has(id)) {
    const t = await payload.findByID({ collection: 'themes', id, depth: 0, overrideAccess: true }).catch(() => null)
    themeNames.set(id, t?.name ?? '')
  }
  return themeNames.get(id)!
}

const kindOf = (collection: ReviewedCollection, doc: Record<string, unknown>): string => {
  switch (collection) {
    case 'news':
      return String(doc.column ?? '')
    case 'quizzes':
      return String(doc.mode ?? '')
    case 'courses':
      return String(doc.requirement ?? '')
    default:
      return String(doc.kind ?? '')
  }
}

/** How many members studied the item in the last 30 days (本周热门 reads it too). */
const popularityOf = async (payload: Payload, collection: string, id: number) => {
  return recentLearners(poolOf(payload), collection, id)
}

/** The index document for a published item, or null when the item must not be in the index. */
export const toDocument = async (
  payload: Payload,
  collection: string,
  doc: Record<string, unknown> | null,
): Promise<SearchDocument | null> => {
  if (!doc || !isReviewedCollection(collection) || doc._status !== 'published') return null
  const themeIds = ((doc.themes as unknown[]) ?? []).map((t) => Number(idOf(t))).filter(Boolean)
  const hasAudience = CONTENT_KINDS[collection].audience
  const stages = hasAudience ? ((doc.audienceStages as string[]) ?? []) : []
  const orgs = hasAudience ? ((doc.audienceOrganizations as unknown[]) ?? []).map((o) => Number(idOf(o))) : []
  const id = Number(doc.id)
  const title = String(doc.title ?? '')
  const summary = String(doc.summary ?? '')
  const text = lexicalToPlainText(doc.body).slice(0, TEXT_LIMIT)
  const themes = await Promise.all(themeIds.map((t) => themeName(payload, t)))
  const original = [title, summary, text].join('\n')
  const simplified = toSimplified(original)
  return {
    id: documentId(collection, id),
    collection,
    itemId: id,
    kind: kindOf(collection, doc),
    title,
    summary,
    text,
    simplified: simplified === original ? '' : simplified,
    pinyin: pinyinWords([title, ...themes].join('\n')),
    themes,
    themeIds,
    audienceAllStages: stages.length === 0,
    audienceStages: stages,
    audienceAllOrgs: orgs.length === 0,
    audienceOrgs: orgs,
    requirement: collection === 'courses' ? String(doc.requirement ?? '') : null,
    creditHours: collection === 'micro-lessons' ? Number(doc.creditHours ?? 0) : null,
    publishedAt: doc.publishedAt ? new Date(String(doc.publishedAt)).getTime() : 0,
    updatedAt: String(doc.updatedAt ?? ''),
    popularity: await popularityOf(payload, collection, id),
  }
}
