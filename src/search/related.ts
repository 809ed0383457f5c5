import type { PayloadRequest } from 'payload'

import { INDEX_UID, meiliErrorCode, searchClient } from './client'
import { documentId } from './documents'
import { audienceFilter } from './query'

/** 相关内容: what a detail page offers next, from the item's themes in the index. */
export type RelatedItem = { id: string; collection: string; itemId: number; title: string; kind: string; themes: string[] }

type Req = Pick<PayloadRequest, 'user' | 'payload' | 'context'>
type Source = { id: string; collection: string; title: string; themeIds?: number[] }
type Hit = RelatedItem & { themeIds?: number[]; popularity?: number; publishedAt?: number; _rankingScore?: number }

/** Reading material only: quizzes are reached from their course or lesson, not as "related". */
const RELATABLE = 'collection IN ["courses", "micro-lessons", "red-resources", "news"]'

/**
 * How candidates are ranked: the share of the item's themes they carry counts most, then how well
 * they match the item's title (Meilisearch's ranking score), then the same kind of content (a loose
 * preference: a closely related item of another kind still wins), then popularity.
 */
export const RELATED_WEIGHTS = { themes: 2, title: 1, sameCollection: 0.5, popularity: 0.25 } as const

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

const isNotFound = (error: unknown) => meiliErrorCode(error) === 'document_not_found'

/**
 * Items sharing the item's themes that this reader may read (the same audience filter as search),
 * never the item itself. An item not (yet) in the index, or without themes, has no related items.
 * Meilisearch errors are thrown: the caller decides (detail pages render without the section).
 */
export const related = async (
  req: Req,
  { collection, id }: { collection: string; id: number | string },
  limit = 4,
): Promise<RelatedItem[]> => {
  const client = searchClient()
  const indexUid = INDEX_UID()
  const source = await client
    .index(indexUid)
    .getDocument<Source>(documentId(collection, id), { fields: ['id', 'collection', 'title', 'themeIds'] })
    .catch((error: unknown) => {
      if (isNotFound(error)) return null
      throw error
    })
  const themeIds = (source?.themeIds ?? []).map(Number).filter((t) => Number.isInteger(t))
  if (!source || !themeIds.length || limit < 1) return []

  const audience = await audienceFilter(req)
  const filter = [`themeIds IN [${themeIds.join(', ')}]`, `id != ${quote(source.id)}`, RELATABLE, audience]
    .filter(Boolean)
    .map((f) => `(${f})`)
    .join(' AND ')
  const attributesToRetrieve = ['id', 'collection', 'itemId', 'title', 'kind', 'themes', 'themeIds', 'popularity', 'publishedAt']
  const candidates = Math.max(20, limit * 5)
  // One round trip: candidates by relevance to the title, and the most popular ones sharing a theme
  // (an item whose title shares no word with this one still counts by its themes).
  const { results } = await client.multiSearch({
    queries: [
      { indexUid, q: source.title, filter, limit: candidates, matchingStrategy: 'frequency', showRankingScore: true, attributesToRetrieve },
      { indexUid, q: '', filter, limit: candidates, sort: ['popularity:desc', 'publishedAt:desc'], attributesToRetrieve },
    ],
  })
  const [byTitle, byPopularity] = results.map((r) => r.hits as Hit[])

  const scored = new Map<string, { hit: Hit; title: number }>()
  for (const hit of byTitle) scored.set(hit.id, { hit, title: hit._rankingScore ?? 0 })
  for (const hit of byPopularity) if (!scored.has(hit.id)) scored.set(hit.id, { hit, title: 0 })

  const wanted = new Set(themeIds)
  const maxPopularity = Math.max(1, ...[...scored.values()].map((c) => c.hit.popularity ?? 0))
  const score = ({ hit, title }: { hit: Hit; title: number }) =>
    RELATED_WEIGHTS.themes * ((hit.themeIds ?? []).filter((t) => wanted.has(t)).length / wanted.size) +
    RELATED_WEIGHTS.title * title +
    RELATED_WEIGHTS.sameCollection * (hit.collection === source.collection ? 1 : 0) +
    RELATED_WEIGHTS.popularity * ((hit.popularity ?? 0) / maxPopularity)

  return [...scored.values()]
    .filter(({ hit }) => hit.id !== source.id)
    .map((c) => ({ ...c, score: score(c) }))
    .sort((a, b) => b.score - a.score || (b.hit.publishedAt ?? 0) - (a.hit.publishedAt ?? 0))
    .slice(0, limit)
    .map(({ hit }) => ({
      id: hit.id,
      collection: hit.collection,
      itemId: hit.itemId,
      title: hit.title,
      kind: hit.kind,
      themes: hit.themes ?? [],
    }))
}
