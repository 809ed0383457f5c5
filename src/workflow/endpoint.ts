import type { Endpoint, PayloadHandler } from 'payload'
import { APIError } from 'payload'

import type { ReviewedCollection } from './config'
import { review } from './review'

const ACTIONS = ['submit', 'approve', 'return', 'withdraw'] as const

const errorResponse = (status: number, message: string, data?: unknown) =>
  Response.json({ errors: [{ message, ...(data ? { data } : {}) }] }, { status })

/**
 * POST /api/{collection}/{id}/review  { action, reason?, publishAt?, sensitiveOverride? }
 * The one way to move an item through the review (提交审核 / 通过 / 退回 / 下线).
 */
const handler =
  (collection: ReviewedCollection): PayloadHandler =>
  async (req) => {
    if (!req.user) return errorResponse(401, '请先登录')
    let body: Record<string, unknown> = {}
    try {
      body = (await req.json?.()) ?? {}
    } catch {
      return errorResponse(400, '请求内容必须是 JSON')
    }
    const action = body.action as (typeof ACTIONS)[number]
    if (!ACTIONS.includes(action)) return errorResponse(400, `action 必须是 ${ACTIONS.join(' / ')} 之一`)
    const str = (v: unknown) => (typeof v === 'string' ? v : null)
    try {
      const result = await review(req, {
        collection,
        id: req.routeParams?.id as string,
        action,
        reason: str(body.reason),
        publishAt: str(body.publishAt),
        sensitiveOverride: body.sensitiveOverride === true,
      })
      return Response.json({ message: '操作成功', ...result })
    } catch (error) {
      if (error instanceof APIError) return errorResponse(error.status, error.message, error.data ?? undefined)
      throw error
    }
  }

export const reviewEndpoint = (collection: ReviewedCollection): Endpoint => ({
  path: '/:id/review',
  method: 'post',
  handler: handler(collection),
})
