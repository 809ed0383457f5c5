import type { Endpoint } from 'payload'

import { recommend, recordImpressions } from './recommend'

/** GET /api/recommendations?limit= — the signed-in member's next items with reasons. */
export const recommendationsEndpoint: Endpoint = {
  path: '/recommendations',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: '请先登录' }] }, { status: 401 })
    const limit = Math.min(30, Math.max(1, Number(new URL(req.url ?? 'http://x').searchParams.get('limit') ?? 10) || 10))
    try {
      const items = await recommend(req, limit)
      await recordImpressions(req, items)
      return Response.json({ items })
    } catch (error) {
      req.payload.logger.warn({ err: error, msg: '推荐失败' })
      return Response.json({ errors: [{ message: '推荐服务暂时不可用，请稍后再试' }] }, { status: 503 })
    }
  },
}
