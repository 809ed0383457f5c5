import type { Payload, PayloadRequest } from 'payload'
import { APIError, createLocalReq } from 'payload'

import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole, idOf } from '../access/roles'
import { SKIP_AUDIT } from '../audit/hooks'
import { recordAudit } from '../audit/record'
import { lexicalToPlainText } from '../content/lexical'
import { transact } from '../db/transaction'
import { AUTHOR_ROLE, CHECKED_FIELDS, REVIEW_TRANSITION, type ReviewedCollection } from './config'
import { writeReviewLog } from './log'
import { notifyReviewTransition } from './notify'
import { loadSensitiveWords, scanFields, type SensitiveHit } from './sensitiveWords'
import { decide, unpublishedPartsRefusal, type ItemPart, type ReviewAction, type ReviewState } from './transitions'

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
    const listed = hits
      .slice(0, 5)
      .map((h) => `“${h.word}”（${h.context}）`)
      .join('；')
    super(
      `内容含有敏感词，不能提交：${listed}${hits.length > 5 ? ` 等 ${hits.length} 处` : ''}。请修改后再提交，或请审核员填写理由后忽略提示提交。`,
      422,
      { hits },
      true,
    )
  }
}

type Doc = Record<string, unknown> & { id: number | string; reviewState?: ReviewState; _status?: string; publishedAt?: string | null }

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

  return transact(req, async () => {
    // disableErrors: a missing version is null without an error (which would end the request's transaction).
    const read = { collection, id, depth: 0, overrideAccess: false, user, req, disableErrors: true } as const
    const latest = (await payload.findByID({ ...read, draft: true }).catch(() => null)) as unknown as Doc | null
    if (!latest) throw new APIError('找不到该内容，或您无权查看', 404, null, true)
    const live = (await payload.findByID(read).catch(() => null)) as unknown as Doc | null

    // Withdrawal takes the live version down even while a revision of it is in review.
    let state: ReviewState = latest.reviewState ?? 'draft'
    if (action === 'withdraw' && state !== 'scheduled' && live?._status === 'published') state = 'published'

    const approvals = Array.isArray(latest.reviewApprovals) ? (latest.reviewApprovals as Array<{ level: number; userId: number }>) : []
    const decision = decide({ state, authorId: idOf(latest.createdBy), approvals, authorRole: AUTHOR_ROLE[collection] }, user, action, {
      reason: input.reason,
      publishAt: input.publishAt,
      sensitiveOverride: input.sensitiveOverride,
    })
    if (!decision.ok) throw new APIError(decision.message, decision.status, null, true)

    let hits: SensitiveHit[] = []
    if (action === 'submit') {
      const refusal = unpublishedPartsRefusal(await partsOf(req, collection, latest))
      if (refusal && !refusal.ok) throw new APIError(refusal.message, refusal.status, null, true)
      hits = scanFields(checkedText(latest), await loadSensitiveWords(payload, req))
      if (hits.length && !input.sensitiveOverride) throw new SensitiveWordsFound(hits)
    }

    const reason = input.reason?.trim() || null
    const now = new Date().toISOString()
    const to = decision.to
    // The review log and the publish/withdraw audit entries record transitions; no generic "修改" entry.
    const write = {
      collection,
      id,
      depth: 0,
      overrideAccess: false,
      user,
      req,
      context: { [REVIEW_TRANSITION]: true, [SKIP_AUDIT]: true },
    } as const
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
        },
      })) as unknown as Doc
    } else if (to === 'withdrawn') {
      await cancelScheduledPublish(payload, req, collection, id)
      doc = (await payload.update({
        ...write,
        data: { _status: 'draft', reviewState: 'withdrawn', reviewNote: reason, scheduledAt: null, reviewApprovals: [] },
      })) as unknown as Doc
    } else {
      const data: Record<string, unknown> = { reviewState: to }
      if (action === 'submit') Object.assign(data, { reviewApprovals: [], reviewNote: null })
      if (action === 'return') Object.assign(data, { reviewApprovals: [], reviewNote: reason })
      if (action === 'approve') data.reviewApprovals = [...approvals, { level: decision.level, userId: user.id }]
      if (to === 'scheduled') data.scheduledAt = new Date(input.publishAt!).toISOString()
      doc = (await payload.update({ ...write, draft: true, data: data })) as unknown as Doc
      if (to === 'scheduled') {
        // @ts-expect-error Payload keeps input.doc.value a string (its job coerces it back, payload#10481; cancelScheduledPublish matches on it), though the generated type says number.
        await payload.jobs.queue({
          task: 'schedulePublish',
          queue: 'default',
          waitUntil: new Date(input.publishAt!),
          input: { type: 'publish', doc: { relationTo: collection, value: String(id) } },
          req,
        })
      }
    }

    const log = await writeReviewLog(req, {
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
    await notifyReviewTransition(req, {
      collection,
      doc: { ...latest, ...doc },
      to,
      actor: user,
      level: decision.level,
      reason,
      logId: log.id,
    })
    if (to === 'published' || to === 'withdrawn') {
      await recordAudit(req, {
        action: to === 'published' ? 'publish' : 'withdraw',
        collection,
        documentId: id,
        summary: `${to === 'published' ? '发布' : '下线'}「${String(latest.title ?? id)}」`,
      })
    }
    return { from: state, to, id, hits: hits.length ? hits : undefined }
  })
}

/**
 * The sensitive-word hits in the item's latest draft, for content staff who may read it: a
 * reviewer sees what an override would let through before offering it.
 */
export const sensitiveHitsOf = async (
  req: PayloadRequest,
  collection: ReviewedCollection,
  id: number | string,
): Promise<SensitiveHit[]> => {
  const { payload, user } = req
  if (!user) throw new APIError('请先登录', 401, null, true)
  if (!hasRole(user, ...CONTENT_STAFF)) throw new APIError('只有撰稿人和审核员可以查看敏感词检测结果', 403, null, true)
  const latest = (await payload
    .findByID({ collection, id, depth: 0, draft: true, overrideAccess: false, user, req })
    .catch(() => null)) as unknown as Doc | null
  if (!latest) throw new APIError('找不到该内容，或您无权查看', 404, null, true)
  return scanFields(checkedText(latest), await loadSensitiveWords(payload, req))
}

const ids = (v: unknown): Array<number | string> =>
  (Array.isArray(v) ? v : v == null ? [] : [v]).map((x) => idOf(x)).filter((x): x is number | string => x !== null)

/**
 * What an item brings to members with it, and whether each part has a live version: a course's
 * lessons, its 结业测验 and its lessons' 随堂测试; a lesson's 随堂测试.
 */
const partsOf = async (req: PayloadRequest, collection: ReviewedCollection, doc: Doc): Promise<ItemPart[]> => {
  const { payload } = req
  const read = async (slug: 'micro-lessons' | 'quizzes', list: Array<number | string>) => {
    if (!list.length) return []
    const where = { id: { in: list } }
    const opts = { depth: 0, limit: 0, pagination: false, overrideAccess: true, req } as const
    const [latest, live] = await Promise.all([
      payload.find({ collection: slug, where, draft: true, ...opts, select: { title: true, quiz: true } }),
      payload.find({ collection: slug, where: { and: [where, { _status: { equals: 'published' } }] }, ...opts, select: {} }),
    ])
    const liveIds = new Set(live.docs.map((d) => String(d.id)))
    return (latest.docs as unknown as Doc[]).map((d) => ({ doc: d, live: liveIds.has(String(d.id)) }))
  }
  const parts: ItemPart[] = []
  let quizIds: Array<number | string> = []
  if (collection === 'courses') {
    const lessons = await read('micro-lessons', ids(doc.lessons))
    for (const l of lessons) parts.push({ kind: '微党课', title: String(l.doc.title), live: l.live })
    quizIds = [...ids(doc.finalQuiz), ...lessons.flatMap((l) => ids(l.doc.quiz))]
  } else if (collection === 'micro-lessons') {
    quizIds = ids(doc.quiz)
  }
  for (const q of await read('quizzes', [...new Set(quizIds)])) parts.push({ kind: '测验', title: String(q.doc.title), live: q.live })
  return parts
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
