import type { Payload } from 'payload'

import { CONTENT_STAFF } from '../access/readPublishedContent'
import { hasRole } from '../access/roles'
import { changeCount, listening, onChange } from '../db/notify'
import { ancestors } from '../organizations/tree'
import type { Member } from '../study/read'
import { idOfRel } from './content'

/**
 * Whom a read of published content returns the same result for. Access to content depends only on
 * this (src/access/readPublishedContent.ts, audience.ts): content staff read everything; a visitor
 * and a disabled account read what visitors read; a member reads by stage and organisation chain.
 */
export const audienceOf = async (payload: Payload, user: Member | null | undefined): Promise<string> => {
  if (hasRole(user, ...CONTENT_STAFF)) return 'staff'
  if (!user || user.active === false) return 'visitor'
  return JSON.stringify([user.politicalStage ?? 'masses', await ancestors(payload, idOfRel(user.organization))])
}

/** Plain objects and arrays made read-only, so a page changing what others are served throws instead. */
const frozen = <T>(value: T): T => {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  const proto = Object.getPrototypeOf(value) as unknown
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value
  for (const v of Object.values(value)) frozen(v)
  return Object.freeze(value)
}

/**
 * The one way the member site keeps a read of content between requests: per key (the audience and
 * what was asked), until any content changes (NOTIFY content_items from any process or instance:
 * src/db/sql/change_notices.sql), `ttlMs` passes, or `until(value)` (a pin ending) comes. What is
 * kept is frozen: it is shared by every reader of that key. A read during which a change was heard
 * is returned but not kept. Under `npm run load` each view of a course page read the course with
 * its lessons, the covers and 相关内容 afresh through Payload and Meilisearch (see the README).
 */
export const keptWhileContentUnchanged = <T>({
  ttlMs,
  until,
  max = 10_000,
}: {
  ttlMs: number
  until?: (value: T) => number
  max?: number
}) => {
  const entries = new Map<string, { until: number; value: Promise<T> }>()
  onChange('content_items', () => entries.clear())
  return (payload: Payload, key: string, read: () => Promise<T>): Promise<T> => {
    const known = entries.get(key)
    if (known && Date.now() < known.until) return known.value
    // Listening before the read, so that no change committed after it can go unheard.
    const value = listening(payload).then(async () => {
      const seen = changeCount('content_items')
      const result = frozen(await read())
      if (until) entry.until = Math.min(entry.until, until(result))
      if (seen !== changeCount('content_items') && entries.get(key) === entry) entries.delete(key)
      return result
    })
    const entry = { until: Date.now() + ttlMs, value }
    // Keys are few (audiences × items); the bound only guards against something unforeseen.
    if (entries.size >= max) entries.clear()
    entries.set(key, entry)
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key)
    })
    return value
  }
}
