import cluster from 'node:cluster'

import type { Payload } from 'payload'

import { now } from '../clock'
import { isPlainObject, parseId, unknownFields } from '../validation/input'
import { onChange } from '../db/notify'
import { poolOf } from '../db/pool'
import { asRequest, viewerById } from '../viewer'
import { nullUnlessUnavailable } from '../db/unavailable'
import { recordBeat, type BeatInput, type BeatResult } from './heartbeat'
import { TRACKED_COLLECTIONS, type TrackedCollection } from './items'
import { HttpError } from '../http/errors'

/** A refusal of this area: the platform's one error type (src/http/errors.ts). */
export class StudyError extends HttpError {}

const EVENTS = ['start', 'heartbeat', 'complete'] as const
const allowed = new Map<string, number>()
const ALLOWED_TTL = 10 * 60_000
let clearedAt = 0
// An item's audience or state changed through any process or instance (src/db/notify.ts).
onChange('content_items', () => {
  allowed.clear()
  clearedAt = Date.now()
})

/**
 * The app server's workers (scripts/server.ts relays this message to the others) share what each
 * found: a member's beats reach any worker, and a check not cached there costs a sign-in read and an
 * access-controlled count (bench:ingest: the opening rate, a few hundred a second). A finding begun
 * before this worker last dropped its cache may be stale, and is ignored.
 */
export const STUDY_ALLOWED_MESSAGE = 'study-allowed'
const inAppCluster = cluster.isWorker && process.env.APP_CLUSTER === '1'
if (inAppCluster) {
  process.on('message', (m: { type?: string; key?: unknown; at?: unknown }) => {
    if (m?.type === STUDY_ALLOWED_MESSAGE && typeof m.key === 'string' && typeof m.at === 'number' && m.at > clearedAt)
      allowed.set(m.key, m.at)
  })
}

/** Whether the member may read this item (published, in their audience), checked as that member (src/viewer). */
const mayStudy = async (payload: Payload, memberId: number, collection: TrackedCollection, itemId: number) => {
  const key = `${memberId}:${collection}:${itemId}`
  const at = allowed.get(key)
  if (at && Date.now() - at < ALLOWED_TTL) return true
  const started = Date.now()
  const viewer = await viewerById(payload, memberId).catch(nullUnlessUnavailable)
  if (!viewer) return false
  const { user, context } = asRequest(payload, viewer)
  const { totalDocs } = await payload.count({ collection, where: { id: { equals: itemId } }, overrideAccess: false, user, context })
  if (totalDocs && started > clearedAt) {
    allowed.set(key, started)
    if (inAppCluster) process.send?.({ type: STUDY_ALLOWED_MESSAGE, key, at: started })
  }
  return totalDocs > 0
}

const BEAT_FIELDS = ['collection', 'id', 'event', 'position', 'beatId', 'scrolledToEnd'] as const

/** Validates a heartbeat body; a clear 400 for anything a client could get wrong (types are not guessed at: `id: true` is no id). */
export const parseBeat = (body: unknown): Omit<BeatInput, 'memberId' | 'organizationId' | 'at'> => {
  if (!isPlainObject(body)) throw new StudyError(400, '请求内容必须是 JSON 对象')
  const b = body
  const unknown = unknownFields(b, BEAT_FIELDS)
  if (unknown) throw new StudyError(unknown.status, unknown.message)
  if (!TRACKED_COLLECTIONS.includes(b.collection as TrackedCollection)) {
    throw new StudyError(400, `collection 必须是 ${TRACKED_COLLECTIONS.join(' / ')} 之一`)
  }
  const itemId = parseId(b.id)
  if (itemId === null) throw new StudyError(400, 'id 必须是内容的编号（正整数）')
  if (!EVENTS.includes(b.event as (typeof EVENTS)[number])) throw new StudyError(400, `event 必须是 ${EVENTS.join(' / ')} 之一`)
  const position = b.position ?? 0
  if (typeof position !== 'number' || !Number.isFinite(position) || position < 0 || position > 24 * 3600)
    throw new StudyError(400, 'position 必须是非负数（秒，或文章阅读比例 0–1）')
  if (typeof b.beatId !== 'string' || !/^[\w-]{8,64}$/.test(b.beatId))
    throw new StudyError(400, 'beatId 必须是 8–64 位的字母、数字或连字符（每次心跳唯一）')
  if (b.scrolledToEnd !== undefined && typeof b.scrolledToEnd !== 'boolean') throw new StudyError(400, 'scrolledToEnd 必须是 true 或 false')
  return {
    collection: b.collection as TrackedCollection,
    itemId,
    event: b.event as BeatInput['event'],
    position,
    beatId: b.beatId,
    scrolledToEnd: b.scrolledToEnd === true,
  }
}

/**
 * One heartbeat for a signed-in member: checks the item is theirs to study, then credits it (at the
 * study clock's now, src/clock.ts). `marks.checked` receives the time the check was done (Server-Timing).
 */
export const heartbeat = async (
  payload: Payload,
  member: { id: number; organizationId: number | null; sid?: string | null },
  body: unknown,
  at = now(),
  marks?: { checked?: number },
): Promise<BeatResult> => {
  const beat = parseBeat(body)
  if (!(await mayStudy(payload, member.id, beat.collection, beat.itemId))) throw new StudyError(404, '找不到该内容，或它不面向您')
  if (marks) marks.checked = performance.now()
  const result = await recordBeat(payload, poolOf(payload), {
    ...beat,
    memberId: member.id,
    organizationId: member.organizationId,
    sid: member.sid,
    at,
  })
  if (!result) throw new StudyError(404, '找不到该内容，或它尚未发布')
  if (result === 'unauthorized') throw new StudyError(401, '登录已失效，请重新登录')
  return result
}
