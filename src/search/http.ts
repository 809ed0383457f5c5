import type { Payload } from 'payload'

import { HttpError } from '../http/errors'
import { optionalId, optionalInt, optionalOneOf, optionalText } from '../http/input'
import { defineRoute, type FastRequest } from '../http/route'
import { asRequest, viewerOf } from '../viewer'
import { REVIEWED_COLLECTIONS } from '../workflow/config'
import { searchContent } from './query'
import { stepTimer } from '../timing'
import { recommend, recordImpressions } from './recommend'

/** What search and recommendations read of a request: the viewer as Payload's access code sees it. */
export type Reader = Pick<FastRequest, 'user' | 'payload' | 'context'>

// Named here: a generic parser written inside the schema would leave the route's input untyped (TypeScript 6 infers it as the constraint).
const collectionParam = optionalOneOf(REVIEWED_COLLECTIONS)

/** GET /api/search?q=&collection=&theme=&page= — results limited to what the reader may read (visitors: public content). */
export const searchRoute = defineRoute({
  method: 'get',
  path: '/search',
  callers: 'anyone',
  fast: true,
  query: {
    q: optionalText(100, '搜索词'),
    collection: collectionParam,
    theme: optionalId('专题编号'),
    page: optionalInt(1, 1000),
  },
  handler: async (req, { query }) => {
    if (!query.q) throw new HttpError(400, '请输入搜索词')
    try {
      return { json: await searchContent(req, { q: query.q, collection: query.collection, themeId: query.theme, page: query.page ?? 1 }) }
    } catch (error) {
      req.payload.logger.warn({ err: error, msg: '搜索失败' })
      throw new HttpError(503, '搜索服务暂时不可用，请稍后再试')
    }
  },
})

/** GET /api/recommendations?limit= — the signed-in member's next items with reasons. */
export const recommendationsRoute = defineRoute({
  method: 'get',
  path: '/recommendations',
  callers: 'signedIn',
  fast: true,
  query: { limit: optionalInt(1, 30) },
  handler: async (req, { query, timing }) => {
    try {
      const items = await recommend(req, query.limit ?? 10, timing)
      const step = stepTimer(timing)
      await recordImpressions(req, items)
      step('impressions')
      return { json: { items } }
    } catch (error) {
      req.payload.logger.warn({ err: error, msg: '推荐失败' })
      throw new HttpError(503, '推荐服务暂时不可用，请稍后再试')
    }
  },
})

/** The reader behind a request's token (src/viewer): a visitor for no token, a bad one or an ended session. */
export const readerOf = async (payload: Payload, headers: Pick<Headers, 'get'>): Promise<Reader> =>
  asRequest(payload, await viewerOf(payload, headers))
