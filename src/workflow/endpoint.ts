import { APIError } from 'payload'

import { HttpError } from '../http/errors'
import { nullableDateTime, nullableText, oneOf, optionalBoolean } from '../http/input'
import { defineRoute, type Route } from '../http/route'
import { parseId } from '../validation/input'
import type { ReviewedCollection } from './config'
import { review, sensitiveHitsOf } from './review'

// Named here: a generic parser written inside the schema would leave the route's input untyped.
const ACTION = oneOf(['submit', 'approve', 'return', 'withdraw'] as const)

/** The item's id from the path: an unusable one names no item (404, as an unknown one). */
const itemId = (raw: string | undefined) => {
  const id = parseId(raw)
  if (id === null) throw new HttpError(404, '找不到该内容：编号必须是正整数')
  return String(id)
}

/**
 * The review's refusals (and Payload's, from the writes) in the one error shape, with their data
 * (the sensitive-word hits): thrown on, Payload would answer them in its own shape and log them.
 */
const asHttp = (error: unknown, withData: boolean) =>
  error instanceof APIError
    ? new HttpError(error.status, error.message, withData && error.data ? { data: error.data as Record<string, unknown> } : {})
    : error

/** The review routes of one reviewed content kind, mounted on its collection (src/http/routes.ts adds every kind's). */
export const reviewRoutes = (collection: ReviewedCollection): Route[] => [
  defineRoute({
    /**
     * POST /api/{collection}/{id}/review  { action, reason?, publishAt?, sensitiveOverride? }
     * The one way to move an item through the review (提交审核 / 通过 / 退回 / 下线).
     * The body is checked field by field: a wrong type is a 400 naming the field, never guessed at.
     */
    method: 'post',
    path: `/${collection}/:id/review`,
    collection,
    callers: 'signedIn',
    body: {
      action: ACTION,
      reason: nullableText(1000, 'reason（理由）'),
      publishAt: nullableDateTime('publishAt（定时发布时间）'),
      sensitiveOverride: optionalBoolean,
    },
    handler: async (req, { body, params }) => {
      const id = itemId(params.id)
      try {
        const result = await review(req, {
          collection,
          id,
          action: body.action,
          reason: body.reason,
          publishAt: body.publishAt,
          sensitiveOverride: body.sensitiveOverride === true,
        })
        return Response.json({ message: '操作成功', ...result })
      } catch (error) {
        throw asHttp(error, true)
      }
    },
  }),
  defineRoute({
    /**
     * GET /api/{collection}/{id}/sensitive-check — the hits in the latest draft, with context, for
     * content staff who may read the item (others: 401/403/404). Read-only; the submission checks again.
     */
    method: 'get',
    path: `/${collection}/:id/sensitive-check`,
    collection,
    callers: 'signedIn',
    handler: async (req, { params }) => {
      const id = itemId(params.id)
      try {
        return Response.json({ hits: await sensitiveHitsOf(req, collection, id) })
      } catch (error) {
        throw asHttp(error, false)
      }
    },
  }),
]
