import type { Payload, PayloadRequest } from 'payload'

import { asRequest, viewerOf } from '../viewer'
import { checkQueryNames, intParam, isRefusal, parseId } from '../validation/input'
import { REVIEWED_COLLECTIONS } from '../workflow/config'
import { searchContent } from './query'
import { serverTiming, stepTimer, type Timing } from '../timing'
import { recommend, recordImpressions } from './recommend'

/**
 * Search and recommendation requests, independent of the web framework: the Payload endpoints
 * (`/api/search`, `/api/recommendations`) and the app server's fast path (scripts/server.ts) both
 * answer through these, so the two can never disagree.
 */
export type Reader = Pick<PayloadRequest, 'user' | 'payload' | 'context'>
type Reply = { status: number; json: unknown; timing?: string }

const fail = (status: number, message: string): Reply => ({ status, json: { errors: [{ message }] } })

export const searchReply = async (req: Reader, url: URL): Promise<Reply> => {
  const params = url.searchParams
  const names = checkQueryNames(params, ['q', 'collection', 'theme', 'page'])
  if (names) return fail(names.status, names.message)
  const q = (params.get('q') ?? '').trim()
  if (!q) return fail(400, '请输入搜索词')
  if (q.length > 100) return fail(400, '搜索词不能超过 100 个字')
  const collection = params.get('collection') ?? undefined
  if (collection && !(REVIEWED_COLLECTIONS as readonly string[]).includes(collection))
    return fail(400, `collection 必须是 ${REVIEWED_COLLECTIONS.join(' / ')} 之一`)
  const rawTheme = params.get('theme')
  const themeId = rawTheme ? parseId(rawTheme) : undefined
  if (themeId === null) return fail(400, 'theme 必须是专题编号（正整数）')
  const page = intParam(params, 'page', 1, 1000)
  if (isRefusal(page)) return fail(page.status, page.message)
  try {
    return { status: 200, json: await searchContent(req, { q, collection, themeId, page: page ?? 1 }) }
  } catch (error) {
    req.payload.logger.warn({ err: error, msg: '搜索失败' })
    return fail(503, '搜索服务暂时不可用，请稍后再试')
  }
}

export const recommendationsReply = async (req: Reader, url: URL): Promise<Reply> => {
  if (!req.user) return fail(401, '请先登录')
  const names = checkQueryNames(url.searchParams, ['limit'])
  if (names) return fail(names.status, names.message)
  const limit = intParam(url.searchParams, 'limit', 1, 30)
  if (isRefusal(limit)) return fail(limit.status, limit.message)
  try {
    const timing: Timing = []
    const items = await recommend(req, limit ?? 10, timing)
    const step = stepTimer(timing)
    await recordImpressions(req, items)
    step('impressions')
    return { status: 200, json: { items }, timing: serverTiming(timing) }
  } catch (error) {
    req.payload.logger.warn({ err: error, msg: '推荐失败' })
    return fail(503, '推荐服务暂时不可用，请稍后再试')
  }
}

/** The reader behind a request's token (src/viewer): a visitor for no token, a bad one or an ended session. */
export const readerOf = async (payload: Payload, headers: Headers): Promise<Reader> => asRequest(payload, await viewerOf(payload, headers))
