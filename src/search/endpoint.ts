import type { Endpoint } from 'payload'

import { REVIEWED_COLLECTIONS } from '../workflow/config'
import { searchContent } from './query'

const fail = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

/** GET /api/search?q=&collection=&theme=&page= — results limited to what the reader may read. */
export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const params = new URL(req.url ?? 'http://x').searchParams
    const q = (params.get('q') ?? '').trim()
    if (!q) return fail(400, '请输入搜索词')
    if (q.length > 100) return fail(400, '搜索词不能超过 100 个字')
    const collection = params.get('collection') ?? undefined
    if (collection && !(REVIEWED_COLLECTIONS as readonly string[]).includes(collection)) return fail(400, `collection 必须是 ${REVIEWED_COLLECTIONS.join(' / ')} 之一`)
    const themeId = params.get('theme') ? Number(params.get('theme')) : undefined
    const page = Number(params.get('page') ?? 1)
    try {
      return Response.json(await searchContent(req, { q, collection, themeId, page: Number.isInteger(page) && page > 0 ? page : 1 }))
    } catch (error) {
      req.payload.logger.warn({ err: error, msg: '搜索失败' })
      return fail(503, '搜索服务暂时不可用，请稍后再试')
    }
  },
}
