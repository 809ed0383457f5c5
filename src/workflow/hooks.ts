import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
} from 'payload'
import { APIError } from 'payload'

import { idOf } from '../access/roles'
import { recordAudit } from '../audit/record'
import { REVIEW_TRANSITION, type ReviewedCollection } from './config'
import { WORKFLOW_FIELDS } from './fields'
import { writeReviewLog } from './log'
import { notifyReviewTransition } from './notify'
import { REVIEW_STATE_LABELS, type ReviewState } from './transitions'

const FIELD_LABELS: Record<(typeof WORKFLOW_FIELDS)[number], string> = {
  reviewState: '审核状态',
  reviewNote: '审核意见',
  createdBy: '撰稿人',
  publishedAt: '发布时间',
  scheduledAt: '定时发布时间',
  reviewApprovals: '审核记录',
}

const IN_REVIEW: ReviewState[] = ['pendingFirst', 'pendingSecond', 'pendingFinal', 'scheduled']
const SCHEDULED_PUBLISH = 'scheduledPublishFired'

const normalise = (v: unknown) => {
  if (v === undefined || v === null || v === '') return 'null'
  if (typeof v === 'object' && !Array.isArray(v) && idOf(v) !== null) return String(idOf(v))
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toISOString()
  if (Array.isArray(v) && v.length === 0) return 'null'
  return JSON.stringify(v)
}

/**
 * Only draft saves change content: a plain (non-draft) update would write the live version, or
 * take it offline with `_status: 'draft'`, around the review. Payload's scheduled-publish job (no
 * user, publishing) is checked by the guard below.
 */
export const refuseLiveWrites: CollectionBeforeOperationHook = ({ args, operation, req, context }) => {
  if (operation !== 'update' || context?.[REVIEW_TRANSITION]) return args
  const data = (args as { data?: { _status?: string } }).data
  if (!req.user && data?._status === 'published') return args
  if (!(args as { draft?: boolean }).draft) {
    throw new APIError('修改请保存为草稿（draft=true）：已发布版本在修订稿审核通过前保持不变；下线请由终审审核员操作', 403, null, true)
  }
  return args
}

/**
 * The server side of the three-level review, for REST, GraphQL and the Local API alike: nobody
 * publishes by saving, workflow fields change only through the review service, items in review
 * are frozen, and editing a published item starts a new draft revision (the live one stays).
 */
export const guardReviewWorkflow: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req, context }) => {
  if (context?.[REVIEW_TRANSITION]) return data
  const original = (originalDoc ?? {}) as Record<string, unknown>
  const state = (original.reviewState as ReviewState | undefined) ?? 'draft'

  // Payload's scheduled-publish job (no user) publishing an item a final reviewer scheduled.
  // A retried job finding it already published is a harmless repeat.
  if (operation === 'update' && !req.user && (state === 'scheduled' || state === 'published') && data._status === 'published') {
    if (state === 'published') return data
    context[SCHEDULED_PUBLISH] = true
    return { ...data, reviewState: 'published', scheduledAt: null, publishedAt: original.publishedAt ?? new Date().toISOString() }
  }

  if (data._status === 'published') {
    throw new APIError('发布必须经过初审、复审、终审：修改请保存为草稿，然后点击“提交审核”', 403, null, true)
  }

  if (operation === 'create') {
    const set = WORKFLOW_FIELDS.filter((f) => f !== 'reviewState' && f !== 'createdBy' && normalise(data[f]) !== 'null')
    if (data.reviewState && data.reviewState !== 'draft') set.push('reviewState')
    if (set.length)
      throw new APIError(`这些字段由审核流程维护，不能直接填写：${set.map((f) => FIELD_LABELS[f]).join('、')}`, 403, null, true)
    return { ...data, reviewState: 'draft', createdBy: req.user?.id ?? data.createdBy ?? null }
  }

  const changed = WORKFLOW_FIELDS.filter((f) => f in data && normalise(data[f]) !== normalise(original[f]))
  if (changed.length) {
    throw new APIError(`这些字段由审核流程维护，不能直接修改：${changed.map((f) => FIELD_LABELS[f]).join('、')}`, 403, null, true)
  }
  if (IN_REVIEW.includes(state)) {
    throw new APIError(`该内容${REVIEW_STATE_LABELS[state].zh}，审核期间不能修改；如需修改请联系审核员退回`, 409, null, true)
  }
  if (state === 'published' || state === 'withdrawn') return { ...data, reviewState: 'draft' }
  return data
}

/** Records the scheduled publication the job just made, like any other transition. */
export const logScheduledPublish: CollectionAfterChangeHook = async ({ doc, req, context, collection }) => {
  if (!context?.[SCHEDULED_PUBLISH]) return doc
  delete context[SCHEDULED_PUBLISH]
  const log = await writeReviewLog(req, {
    collection: collection.slug as ReviewedCollection,
    doc,
    action: 'publish',
    from: 'scheduled',
    to: 'published',
    actor: null,
    reason: '到达定时发布时间，系统自动发布',
  })
  await notifyReviewTransition(req, { collection: collection.slug as ReviewedCollection, doc, to: 'published', actor: null, logId: log.id })
  await recordAudit(req, { action: 'publish', collection: collection.slug, documentId: doc.id, summary: `定时发布「${doc.title}」` }, null)
  return doc
}

/** Only drafts, returned and withdrawn items can be deleted; live and in-review items cannot. */
export const refuseDeleteInReview: CollectionBeforeDeleteHook = async ({ id, req, collection }) => {
  const [latest, live] = await Promise.all([
    req.payload.findByID({ collection: collection.slug, id, draft: true, depth: 0, overrideAccess: true, req }).catch(() => null),
    req.payload.findByID({ collection: collection.slug, id, depth: 0, overrideAccess: true, req }).catch(() => null),
  ])
  const state = (latest as { reviewState?: ReviewState } | null)?.reviewState ?? 'draft'
  if ((live as { _status?: string } | null)?._status === 'published' || IN_REVIEW.includes(state) || state === 'published') {
    throw new APIError('已发布或审核中的内容不能删除；已发布的内容请由终审审核员下线后再删除', 409, null, true)
  }
}
