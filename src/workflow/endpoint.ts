import type { Endpoint, PayloadHandler } from 'payload'
import { APIError } from 'payload'

import { isDateTime, parseId, parseJsonObject, unknownFields } from '../validation/input'
import type { ReviewedCollection } from './config'
import { review, sensitiveHitsOf } from './review'

const ACTIONS = ['submit', 'approve', 'return', 'withdraw'] as const

const errorResponse = (status: number, message: string, data?: unknown) =>
  Response.json({ errors: [{ message, ...(data ? { data } : {}) }] }, { status })

/**
 * POST /api/{collection}/{id}/review  { action, reason?, publishAt?, sensitiveOverride? }
 * The one way to move an item through the review (提交审核 / 通过 / 退回 / 下线).
 */
const FIELDS = ['action', 'reason', 'publishAt', 'sensitiveOverride'] as const

/** The body, checked field by field: a wrong type is a 400 naming the field, never guessed at. */
const readBody = async (req: Parameters<PayloadHandler>[0]) => {
  const parsed = parseJsonObject((await req.text?.()) ?? '', req.headers.get('content-type'))
  if (!parsed.ok) return parsed
  const body = parsed.value
  const unknown = unknownFields(body, FIELDS)
  if (unknown) return { ok: false as const, ...unknown }
  const bad = (message: string) => ({ ok: false as const, status: 400, message })
  if (!ACTIONS.includes(body.action as (typeof ACTIONS)[number])) return bad(`action 必须是 ${ACTIONS.join(' / ')} 之一`)
  if (body.reason != null && (typeof body.reason !== 'string' || body.reason.length > 1000))
    return bad('reason（理由）必须是不超过 1000 字的文字')
  if (body.publishAt != null && !isDateTime(body.publishAt)) {
    return bad('publishAt（定时发布时间）必须是日期时间，例如 2026-07-01T08:00:00+08:00')
  }
  if (body.sensitiveOverride != null && typeof body.sensitiveOverride !== 'boolean') return bad('sensitiveOverride 必须是 true 或 false')
  return {
    ok: true as const,
    action: body.action as (typeof ACTIONS)[number],
    reason: (body.reason as string | null | undefined) ?? null,
    publishAt: (body.publishAt as string | null | undefined) ?? null,
    sensitiveOverride: body.sensitiveOverride === true,
  }
}

/**
 * POST /api/{collection}/{id}/review  { action, reason?, publishAt?, sensitiveOverride? }
 * The one way to move an item through the review (提交审核 / 通过 / 退回 / 下线).
 */
const handler =
  (collection: ReviewedCollection): PayloadHandler =>
  async (req) => {
    if (!req.user) return errorResponse(401, '请先登录')
    const id = parseId(req.routeParams?.id)
    if (id === null) return errorResponse(404, '找不到该内容：编号必须是正整数')
    const body = await readBody(req)
    if (!body.ok) return errorResponse(body.status, body.message)
    try {
      const result = await review(req, {
        collection,
        id: String(id),
        action: body.action,
        reason: body.reason,
        publishAt: body.publishAt,
        sensitiveOverride: body.sensitiveOverride,
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

/**
 * GET /api/{collection}/{id}/sensitive-check — the hits in the latest draft, with context, for
 * content staff who may read the item (others: 401/403/404). Read-only; the submission checks again.
 */
export const sensitiveCheckEndpoint = (collection: ReviewedCollection): Endpoint => ({
  path: '/:id/sensitive-check',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return errorResponse(401, '请先登录')
    const id = parseId(req.routeParams?.id)
    if (id === null) return errorResponse(404, '找不到该内容：编号必须是正整数')
    try {
      return Response.json({ hits: await sensitiveHitsOf(req, collection, String(id)) })
    } catch (error) {
      if (error instanceof APIError) return errorResponse(error.status, error.message)
      throw error
    }
  },
})
