import type { Payload, PayloadRequest } from 'payload'
import { APIError, commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { idOf } from '../access/roles'
import { SKIP_AUDIT } from '../audit/hooks'
import { recordAudit } from '../audit/record'
import { lexicalToPlainText } from '../content/lexical'
import { AUTHOR_ROLE, CHECKED_FIELDS, REVIEW_TRANSITION, type ReviewedCollection } from './config'
import { writeReviewLog } from './log'
import { loadSensitiveWords, scanFields, type SensitiveHit } from './sensitiveWords'
import { decide, type ReviewAction, type ReviewState } from './transitions'

export type ReviewRequest = {
  collection: ReviewedCollection
  id: number | string
  action: ReviewAction
  reason?: string | null
  /** Final approval only: publish at this time instead of now (定时发布). */
  publishAt?: string | null
  /** A reviewer submits although the sensitive-word check found words (reason required). */
  sensitiveOverride?: boolean
}

export type ReviewResult = { from: ReviewState; to: ReviewState; id: number | string; hits?: SensitiveHit[] }

/** Refusal of a submission that contains sensitive words: the hits go to the author with context. */
export class SensitiveWordsFound extends APIError {
  constructor(public hits: SensitiveHit[]) {
    const listed = hits.slice(0, 5).map((h) => `“${h.word}”（${h.context}）`).join('；')
    super(`内容含有敏感词，不能提交：${listed}${hits.length > 5 ? ` 等 ${hits.length} 处` : ''}。请修改后再提交，或请审核员填写理由后忽略提示提交。`, 422, { hits }, true)
  }
}

type Doc = Record<string, unknown> & { id: number | string; reviewState?: ReviewState; _status?: string }

/** Text the sensitive-word check reads: title, summary and the plain text of the body. */
const checkedText = (doc: Doc) =>
  Object.fromEntries(CHECKED_FIELDS.map((f) => [f, f === 'body' ? lexicalToPlainText(doc[f]) : ((doc[f] as string | undefined) ?? '')]))

/**
 * Takes one review action on one item for `req.user`: reads the item as that user, lets the
 * state machine decide, and writes the new state, the review log and the audit entry in one
 * transaction. Used by the REST endpoint and by server code alike.
 */
export const review = async (req: PayloadRequest, input: ReviewRequest): Promise<ReviewResult> => {
  const { payload, user } = req
  if (!user) throw new APIError('请先登录', 401, null, true)
  const { collection, id, action } = input

  const shouldCommit = await initTransaction(req)
  try {
    const read = { collection, id, depth: 0, overrideAccess: false, user, req } as const
    const latest = (await payload.findByID({ ...read, draft: true }).catch(() => null)) as unknown as Doc | null
    if (!latest) throw new APIError('找不到该内容，或您无权查看', 404, null, true)
    const live = (await payload.findByID(read).catch(() => null)) as unknown as Doc | null

    // Withdrawal takes the live version down even while a revision of it is in review.
    let state: ReviewState = latest.reviewState ?? 'draft'
    if (action === 'withdraw' && state !== 'scheduled' && live?._status === 'published') state = 'published'

    const approvals = Array.isArray(latest.reviewApprovals) ? (latest.reviewApprovals as Array<{ level: number; userId: number }>) : []
    const decision = decide(
      { state, authorId: idOf(latest.createdBy), approvals, authorRole: AUTHOR_ROLE[collection] },
      user as never,
      action,
      { reason: input.reason, publishAt: input.publishAt, sensitiveOverride: input.sensitiveOverride },
    )
    if (!decision.ok) throw new APIError(decision.message, decision.status, null, true)

    let hits: SensitiveHit[] = []
    if (action === 'submit') {
      hits = scanFields(checkedText(latest), await loadSensitiveWords(payload, req))
      if (hits.length && !input.sensitiveOverride) throw new SensitiveWordsFound(hits)
    }

    const reason = input.reason?.trim() || null
    const now = new Date().toISOString()
    const to = decision.to
    // The review log and the publish/withdraw audit entries record transitions; no generic "修改" entry.
    const write = { collection, id, depth: 0, overrideAccess: false, user, req, context: { [REVIEW_TRANSITION]: true, [SKIP_AUDIT]: true } } as const
    let doc: Doc
    if (to === 'published') {
      doc = (await payload.update({
        ...write,
        data: {
          _status: 'published',
          reviewState: 'published',
          reviewNote: null,
          scheduledAt: null,
          publishedAt: (live?._status === 'published' && live.publishedAt) || now,
          reviewApprovals: [...approvals, { level: 3, userId: user.id }],
        } as never,
      })) as unknown as Doc
    } else if (to === 'withdrawn') {
      await cancelScheduledPublish(payload, req, collection, id)
      doc = (await payload.update({
        ...write,
        data: { _status: 'draft', reviewState: 'withdrawn', reviewNote: reason, scheduledAt: null, reviewApprovals: [] } as never,
      })) as unknown as Doc
    } else {
      const data: Record<string, unknown> = { reviewState: to }
      if (action === 'submit') Object.assign(data, { reviewApprovals: [], reviewNote: null })
      if (action === 'return') Object.assign(data, { reviewApprovals: [], reviewNote: reason })
      if (action === 'approve') data.reviewApprovals = [...approvals, { level: decision.level, userId: user.id }]
      if (to === 'scheduled') data.scheduledAt = new Date(input.publishAt!).toISOString()
      doc = (await payload.update({ ...write, draft: true, data: data as never })) as unknown as Doc
      if (to === 'scheduled') {
        await payload.jobs.queue({
          task: 'schedulePublish',
          queue: 'default',
          waitUntil: new Date(input.publishAt!),
          input: { type: 'publish', doc: { relationTo: collection, value: String(id) } } as never,
          req,
        })
      }
    }

    await writeReviewLog(req, {
      collection,
      doc: { ...latest, ...doc },
      action,
      from: state,
      to,
      actor: user,
      level: decision.level,
      reason: input.sensitiveOverride ? `忽略敏感词提示：${reason}` : reason,
      sensitiveHits: hits,
    })
    if (to === 'published' || to === 'withdrawn') {
      await recordAudit(req, {
        action: to === 'published' ? 'publish' : 'withdraw',
        collection,
        documentId: id,
        summary: `${to === 'published' ? '发布' : '下线'}「${String(latest.title ?? id)}」`,
      })
    }
    if (shouldCommit) await commitTransaction(req)
    return { from: state, to, id, hits: hits.length ? hits : undefined }
  } catch (error) {
    if (shouldCommit) await killTransaction(req)
    throw error
  }
}

/** Removes a pending scheduled publication of this item (after withdrawal it must not fire). */
const cancelScheduledPublish = async (payload: Payload, req: PayloadRequest, collection: string, id: number | string) => {
  await payload.db.deleteMany({
    collection: 'payload-jobs',
    req,
    where: {
      and: [
        { taskSlug: { equals: 'schedulePublish' } },
        { completedAt: { exists: false } },
        { 'input.doc.value': { equals: String(id) } },
        { 'input.doc.relationTo': { equals: collection } },
      ],
    },
  })
}

/** The same action from server code, acting as `user` (tests, scripts). */
export const reviewAs = async (payload: Payload, user: NonNullable<PayloadRequest['user']>, input: ReviewRequest) =>
  review(await createLocalReq({ user }, payload), input)
