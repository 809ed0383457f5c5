import type { PayloadRequest } from 'payload'

import { idOf } from '../access/roles'
import type { ReviewedCollection } from './config'
import type { SensitiveHit } from './sensitiveWords'
import type { ReviewState } from './transitions'

export type ReviewLogEntry = {
  collection: ReviewedCollection
  doc: Record<string, unknown> & { id: number | string }
  action: 'submit' | 'approve' | 'return' | 'withdraw' | 'publish'
  from: ReviewState
  to: ReviewState
  actor: PayloadRequest['user'] | null
  level?: number
  reason?: string | null
  sensitiveHits?: SensitiveHit[]
}

/** Appends one immutable row to the review log, inside the caller's transaction; returns the row. */
export const writeReviewLog = async (req: PayloadRequest, entry: ReviewLogEntry) =>
  req.payload.create({
    collection: 'review-logs',
    overrideAccess: true,
    req,
    depth: 0,
    data: {
      itemCollection: entry.collection,
      itemId: String(entry.doc.id),
      itemTitle: String(entry.doc.title ?? entry.doc.id),
      author: idOf(entry.doc.createdBy) as number | null,
      action: entry.action,
      fromState: entry.from,
      toState: entry.to,
      level: entry.level ? (String(entry.level) as '1' | '2' | '3') : undefined,
      actor: entry.actor ? (entry.actor.id as number) : undefined,
      actorName: entry.actor ? String((entry.actor as { name?: string }).name ?? entry.actor.email) : '系统',
      reason: entry.reason ?? undefined,
      sensitiveHits: entry.sensitiveHits?.length ? entry.sensitiveHits : undefined,
    },
  })
