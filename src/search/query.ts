import type { Payload, PayloadRequest } from 'payload'

import { organizationChain } from '../access/audience'
import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole } from '../access/roles'
import { INDEX_UID, searchClient } from './client'

export type SearchParams = { q: string; collection?: string; themeId?: number; page?: number; hitsPerPage?: number }
export type SearchHit = { id: string; collection: string; itemId: number; kind: string; title: string; snippet: string; themes: string[]; publishedAt: number }

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

/** The Meilisearch query a search runs for this reader (the benchmark sends the same one directly). */
export const searchQueryFor = async (req: Pick<PayloadRequest, 'user' | 'payload' | 'context'>, params: SearchParams) => {
  const filters = [await audienceFilter(req)]
  if (params.collection) filters.push(`collection = ${quote(params.collection)}`)
  if (params.themeId) filters.push(`themeIds = ${Number(params.themeId)}`)
  return {
    q: params.q,
    filter: filters.filter(Boolean).join(' AND ') || undefined,
    page: Math.max(1, params.page ?? 1),
    hitsPerPage: Math.min(50, params.hitsPerPage ?? 10),
    facets: ['collection'],
    attributesToHighlight: ['title'],
    attributesToCrop: ['summary', 'text'],
    cropLength: 40,
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
    matchingStrategy: 'all' as const,
    attributesToRetrieve: ['id', 'collection', 'itemId', 'kind', 'title', 'themes', 'publishedAt'],
  }
}

/** One page of search results for this reader, with highlighted snippets and counts per kind. */
export const searchContent = async (req: Pick<PayloadRequest, 'user' | 'payload' | 'context'>, params: SearchParams) => {
  const { q, ...options } = await searchQueryFor(req, params)
  const result = await searchClient().index(INDEX_UID()).search(q, options)
  const hits: SearchHit[] = result.hits.map((h) => {
    const f = (h._formatted ?? {}) as Record<string, string>
    const snippet = [f.summary, f.text].find((s) => s && s.includes('<mark>')) ?? f.summary ?? f.text ?? ''
    return { id: h.id, collection: h.collection, itemId: h.itemId, kind: h.kind, title: f.title ?? h.title, snippet, themes: h.themes ?? [], publishedAt: h.publishedAt }
  })
  return {
    query: params.q,
    hits,
    page: result.page ?? 1,
    totalPages: result.totalPages ?? 1,
    totalHits: result.totalHits ?? hits.length,
    byCollection: (result.facetDistribution?.collection ?? {}) as Record<string, number>,
    processingTimeMs: result.processingTimeMs,
  }
}

export type SearchResult = Awaited<ReturnType<typeof searchContent>>
export type { Payload }
