import type { Payload, PayloadRequest } from 'payload'

import { organizationChain } from '../access/audience'
import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole } from '../access/roles'
import type { FederatedMultiSearchParams, MultiSearchQueryWithFederation } from 'meilisearch'

import { INDEX_UID, searchClient } from './client'
import { synonymGroups } from './settings'
import { isLatinQuery, nearestTerm, queryPinyin, soundsLikeIn, toSimplified } from './tolerance'

export type SearchParams = { q: string; collection?: string; themeId?: number; page?: number; hitsPerPage?: number }
export type SearchHit = {
  id: string
  collection: string
  itemId: number
  kind: string
  title: string
  snippet: string
  themes: string[]
  publishedAt: number
}

/** What the index holds of an item and a search reads back (src/search/documents.ts writes it). */
type IndexedHit = Omit<SearchHit, 'snippet' | 'themes'> & { themes?: string[]; summary?: string; text?: string }

const quote = (v: string) => `"${v.replace(/"/g, '\\"')}"`

/**
 * The filter that keeps a reader to what they may read: visitors get published news and red
 * resources; members get items whose audience includes their stage and organisation; content staff
 * everything in the index (which holds published items only).
 */
export const audienceFilter = async (req: Pick<PayloadRequest, 'user' | 'payload' | 'context'>): Promise<string | null> => {
  const { user } = req
  if (hasRole(user, ...CONTENT_STAFF)) return null
  if (!user || (user as { active?: boolean }).active === false) return 'collection IN ["news", "red-resources"]'
  const stage = (user as { politicalStage?: string }).politicalStage ?? 'masses'
  const orgs = await organizationChain(req as PayloadRequest)
  const orgFilter = orgs.length ? ` OR audienceOrgs IN [${orgs.join(', ')}]` : ''
  return `(audienceAllStages = true OR audienceStages = ${quote(stage)}) AND (audienceAllOrgs = true${orgFilter})`
}

const RETRIEVE = ['id', 'collection', 'itemId', 'kind', 'title', 'themes', 'publishedAt']

/**
 * The Meilisearch request a search runs for this reader (the benchmark sends the same one
 * directly): one federated multi-search of the query as typed (traditional characters made
 * simplified) and, when it can be spelled, of its pinyin against the index's pinyin words — so
 * 井岗山 finds 井冈山 and dangshi finds 党史 — merged by Meilisearch into one ranked, de-duplicated
 * list with one count per kind. The pinyin half weighs a little less, so what matches the
 * characters themselves comes first.
 */
export const searchQueryFor = async (req: Pick<PayloadRequest, 'user' | 'payload' | 'context'>, params: SearchParams) => {
  const filters = [await audienceFilter(req)]
  if (params.collection) filters.push(`collection = ${quote(params.collection)}`)
  if (params.themeId) filters.push(`themeIds = ${Number(params.themeId)}`)
  const filter = filters.filter(Boolean).join(' AND ') || undefined
  const hitsPerPage = Math.min(50, params.hitsPerPage ?? 10)
  const page = Math.max(1, params.page ?? 1)
  const indexUid = INDEX_UID()
  const shared = {
    indexUid,
    filter,
    attributesToHighlight: ['title'],
    attributesToCrop: ['summary', 'text'],
    cropLength: 40,
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
    attributesToRetrieve: RETRIEVE,
  }
  const q = toSimplified(params.q.trim())
  const spelled = isLatinQuery(q) ? null : queryPinyin(q)
  const queries: MultiSearchQueryWithFederation[] = [{ ...shared, q, matchingStrategy: 'all' }]
  if (spelled)
    queries.push({ ...shared, q: spelled, attributesToSearchOn: ['pinyin'], matchingStrategy: 'last', federationOptions: { weight: 0.9 } })
  else if (isLatinQuery(q) && queryPinyin(q) !== q.toLowerCase()) {
    // "san hui yi ke" typed with spaces: also as one word, as the index spells it.
    queries.push({ ...shared, q: queryPinyin(q)!, attributesToSearchOn: ['pinyin'], federationOptions: { weight: 0.95 } })
  }
  return {
    federation: { offset: (page - 1) * hitsPerPage, limit: hitsPerPage, facetsByIndex: { [indexUid]: ['collection'] } },
    queries,
    page,
    hitsPerPage,
  }
}

/** Every term a 你是不是要找 may offer: theme names and the synonym groups' terms. */
const suggestionVocabulary = async (payload: Payload): Promise<string[]> => {
  const themes = await payload.find({
    collection: 'themes',
    depth: 0,
    limit: 100,
    pagination: false,
    overrideAccess: true,
    select: { name: true },
  })
  return [...themes.docs.map((t) => String(t.name)), ...(await synonymGroups(payload)).flat()]
}

/**
 * One page of search results for this reader, with highlighted snippets and counts per kind, and
 * `suggestion` (你是不是要找) when the query as typed matched nothing: the sound-alike the results
 * were found by (井冈山 for 井岗山), or, with no results at all, the nearest theme or synonym term by
 * pinyin.
 */
export const searchContent = async (req: Pick<PayloadRequest, 'user' | 'payload' | 'context'>, params: SearchParams) => {
  const { page, hitsPerPage, ...body } = await searchQueryFor(req, params)
  const result = await searchClient().multiSearch<FederatedMultiSearchParams, IndexedHit>(body)
  const hits: SearchHit[] = result.hits.map((h) => {
    const f = (h._formatted ?? {}) as Record<string, string>
    const snippet = [f.summary, f.text].find((s) => s && s.includes('<mark>')) ?? f.summary ?? f.text ?? ''
    return {
      id: h.id,
      collection: h.collection,
      itemId: h.itemId,
      kind: h.kind,
      title: f.title ?? h.title,
      snippet,
      themes: h.themes ?? [],
      publishedAt: h.publishedAt,
    }
  })
  const totalHits = result.estimatedTotalHits ?? hits.length
  const literal = result.hits.some((h) => (h._federation as { queriesPosition?: number } | undefined)?.queriesPosition === 0)
  let suggestion: string | null = null
  if (hits.length && !literal && page === 1) suggestion = soundsLikeIn(String(result.hits[0].title ?? ''), params.q)
  else if (!hits.length) suggestion = nearestTerm(toSimplified(params.q.trim()), await suggestionVocabulary(req.payload))
  const byIndex = (result.facetsByIndex ?? {}) as Record<string, { distribution?: Record<string, Record<string, number>> }>
  return {
    query: params.q,
    hits,
    suggestion: suggestion && suggestion !== params.q.trim() ? suggestion : null,
    page,
    totalPages: Math.max(1, Math.ceil(totalHits / hitsPerPage)),
    totalHits,
    byCollection: (byIndex[INDEX_UID()]?.distribution?.collection ?? {}) as Record<string, number>,
    processingTimeMs: result.processingTimeMs,
  }
}

export type SearchResult = Awaited<ReturnType<typeof searchContent>>
export type { Payload }
