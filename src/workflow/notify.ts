import type { PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import { COLLECTION_LABELS, type ReviewedCollection } from './config'
import { noticesFor, type ReviewState } from './transitions'
import { shanghaiDay } from '../dates'

type Transition = {
  collection: ReviewedCollection
  doc: Record<string, unknown> & { id: number | string }
  to: ReviewState
  actor: PayloadRequest['user'] | null
  level?: 1 | 2 | 3
  reason?: string | null
  /** The review-log row of this transition: one notification per recipient and transition. */
  logId: number | string
}

/** Where the item is handled in the admin: the reviewer or author opens it from the notification. */
export const adminLink = (collection: string, id: number | string) => `/admin/collections/${collection}/${id}`

/**
 * Tells the people a review transition concerns (rules in `noticesFor`), in the transition's
 * transaction: a rolled-back action notifies nobody. Reviewers who wrote the item are left out
 * (they cannot review it); a disabled account hears nothing.
 */
export const notifyReviewTransition = async (req: PayloadRequest, t: Transition) => {
  const { payload } = req
  const authorId = idOf(t.doc.createdBy)
  const notices = noticesFor({
    to: t.to,
    itemLabel: COLLECTION_LABELS[t.collection],
    title: String(t.doc.title ?? t.doc.id),
    actorName: t.actor ? String((t.actor as { name?: string }).name ?? t.actor.email) : null,
    level: t.level,
    reason: t.reason,
  })
  const day = shanghaiDay(new Date())
  for (const notice of notices) {
    let recipients: Array<number | string> = []
    if (notice.to === 'author') {
      if (authorId !== null) recipients = [authorId]
    } else {
      const { docs } = await payload.find({
        collection: 'users',
        where: {
          and: [{ roles: { in: ['reviewer'] } }, { reviewLevel: { equals: String(notice.level) } }, { active: { not_equals: false } }],
        },
        depth: 0,
        limit: 0,
        pagination: false,
        overrideAccess: true,
        req,
        select: {},
      })
      recipients = docs.map((d) => d.id).filter((id) => String(id) !== String(authorId))
    }
    for (const recipient of recipients) {
      await payload.create({
        collection: 'notifications',
        overrideAccess: true,
        req,
        depth: 0,
        data: {
          recipient: recipient as number,
          kind: notice.kind,
          title: notice.title,
          body: notice.body,
          link: adminLink(t.collection, t.doc.id),
          conditionKey: `review:${t.logId}`,
          day,
        },
      })
    }
  }
}
