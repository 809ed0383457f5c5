import type { Payload } from 'payload'
import type { Pool, PoolClient } from 'pg'

import { awardPoints, pointRules } from '../points/award'
import { coursesContaining, itemMeta, type ItemMeta, type TrackedCollection } from './items'

export type BeatInput = {
  memberId: number
  organizationId: number | null
  collection: TrackedCollection
  itemId: number
  event: 'start' | 'heartbeat' | 'complete'
  /** Seconds into the media, or the scrolled fraction (0–1) of an article. */
  position: number
  beatId: string
  scrolledToEnd?: boolean
  /** The server's time of the request (tests pass their own clock). */
  at: Date
}

export type BeatResult = {
  credited: number
  secondsCredited: number
  position: number
  percent: number
  completed: boolean
  completedNow: boolean
  hoursCredited: number
  replay: boolean
}

/** A gap longer than this since the previous beat is not study time (the tab slept, the phone locked). */
export const MAX_BEAT_GAP_SECONDS = 60
/** No item credits more than this many times its length in total. */
export const DURATION_CAP_FACTOR = 1.5
/** Media counts complete once this share of it has been watched, with credited time to match. */
export const MEDIA_COMPLETE_SHARE = 0.9

type ProgressRow = { seconds_credited: string; position: string; completed_at: Date | null; hours_credited: string; quiz_passed_at: Date | null } | null

/** Whether an item's completion conditions (before any required quiz) are met. */
export const conditionsMet = (meta: ItemMeta, seconds: number, position: number, scrolledToEnd: boolean) => {
  if (meta.kind === 'video' || meta.kind === 'audio') {
    const needed = MEDIA_COMPLETE_SHARE * meta.durationSeconds
    return position >= needed && seconds >= needed
  }
  return scrolledToEnd && seconds >= meta.readSeconds
}

const percentOf = (meta: ItemMeta, seconds: number, position: number, completed: boolean) => {
  if (completed) return 100
  const needed = meta.kind === 'article' ? meta.readSeconds : MEDIA_COMPLETE_SHARE * meta.durationSeconds
  const watched = meta.kind === 'article' ? seconds : Math.min(seconds, position)
  return Math.min(99, Math.floor((100 * watched) / needed))
}

/**
 * Credits one heartbeat in one short SQL transaction (the generic create pipeline is far too slow
 * for thousands a second). The member's study-session row is locked first, so one member's beats
 * are credited one at a time: never more than the wall-clock time since their previous beat,
 * never two items at once (the newest item wins), never more than 1.5× the item's length, and a
 * replayed beat (same beatId) changes nothing.
 */
export const recordBeat = async (payload: Payload, pool: Pool, input: BeatInput): Promise<BeatResult | null> => {
  const meta = await itemMeta(payload, input.collection, input.itemId)
  if (!meta) return null
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await credit(payload, client, meta, input)
    await client.query(result.replay ? 'ROLLBACK' : 'COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

const credit = async (payload: Payload, client: PoolClient, meta: ItemMeta, input: BeatInput): Promise<BeatResult> => {
  const { memberId, collection, itemId, at } = input
  // Lock the member's session row, move it to this item, and read its old values.
  const lockAndRead = () =>
    client.query<{ item_collection: string; item_id: string; last_beat_at: Date }>(
      `WITH old AS (SELECT id, item_collection, item_id, last_beat_at FROM study_sessions WHERE member_id = $1 FOR UPDATE)
       UPDATE study_sessions s SET item_collection = $2, item_id = $3, last_beat_at = GREATEST(old.last_beat_at, $4), updated_at = $4
       FROM old WHERE s.id = old.id
       RETURNING old.item_collection, old.item_id, old.last_beat_at`,
      [memberId, collection, itemId, at],
    )
  let locked = await lockAndRead()
  if (!locked.rowCount) {
    await client.query(
      `INSERT INTO study_sessions (member_id, item_collection, item_id, last_beat_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4, $4) ON CONFLICT (member_id) DO NOTHING`,
      [memberId, collection, itemId, at],
    )
    locked = await lockAndRead()
  }
  const old = locked.rows[0]
  // Read progress only now, holding the lock: a read in the locking statement would use the
  // snapshot taken before it waited, and lose the update of the beat it waited for.
  const progress: ProgressRow =
    (
      await client.query(
        'SELECT seconds_credited, position, completed_at, hours_credited, quiz_passed_at FROM study_progress WHERE member_id = $1 AND item_collection = $2 AND item_id = $3',
        [memberId, collection, itemId],
      )
    ).rows[0] ?? null
  const before = Number(progress?.seconds_credited ?? 0)
  const sameItem = old.item_collection === collection && Number(old.item_id) === itemId

  // A start, or a beat for another item than the member's current one, only (re)starts the clock.
  let credited = 0
  if (input.event !== 'start' && sameItem) {
    const elapsed = Math.max(0, (at.getTime() - new Date(old.last_beat_at).getTime()) / 1000)
    const cap = DURATION_CAP_FACTOR * meta.durationSeconds - before
    credited = Math.max(0, Math.min(elapsed, MAX_BEAT_GAP_SECONDS, cap))
    credited = Math.floor(credited * 1000) / 1000
  }

  const event = await client.query(
    `INSERT INTO study_events (member_id, organization_id, item_collection, item_id, kind, client_position, credited_seconds, beat_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (member_id, beat_id) DO NOTHING RETURNING id`,
    [memberId, input.organizationId, collection, itemId, input.event, input.position, credited, input.beatId, at],
  )
  const wasCompleted = Boolean(progress?.completed_at)
  if (!event.rowCount) {
    // A replay: report the stored progress; the caller rolls back the session move.
    const position = Number(progress?.position ?? 0)
    return {
      credited: 0,
      secondsCredited: before,
      position,
      percent: percentOf(meta, before, position, wasCompleted),
      completed: wasCompleted,
      completedNow: false,
      hoursCredited: Number(progress?.hours_credited ?? 0),
      replay: true,
    }
  }

  const seconds = before + credited
  const position = meta.kind === 'article' ? Math.max(Number(progress?.position ?? 0), Math.min(1, input.position)) : Math.max(0, input.position)
  const met = !wasCompleted && conditionsMet(meta, seconds, position, Boolean(input.scrolledToEnd) || (meta.kind === 'article' && position >= 0.99))
  const quizOk = !meta.quizRequired || Boolean(progress?.quiz_passed_at)
  const completedNow = met && quizOk
  const completed = wasCompleted || completedNow
  const hours = completedNow ? meta.creditHours : Number(progress?.hours_credited ?? 0)
  await client.query(
    `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET seconds_credited = EXCLUDED.seconds_credited,
       position = EXCLUDED.position, percent = EXCLUDED.percent, completed_at = COALESCE(study_progress.completed_at, EXCLUDED.completed_at),
       hours_credited = EXCLUDED.hours_credited, updated_at = EXCLUDED.updated_at`,
    [memberId, input.organizationId, collection, itemId, seconds, position, percentOf(meta, seconds, position, completed), completedNow ? at : null, hours, at],
  )
  if (completedNow) await afterCompletion(payload, client, meta, input)
  return { credited, secondsCredited: seconds, position, percent: percentOf(meta, seconds, position, completed), completed, completedNow, hoursCredited: hours, replay: false }
}

/** Points for the completed item, and the course when this was its last lesson. */
export const afterCompletion = async (payload: Payload, client: PoolClient, meta: ItemMeta, input: Pick<BeatInput, 'memberId' | 'organizationId' | 'at'>) => {
  const rules = await pointRules(payload)
  const base = { memberId: input.memberId, organizationId: input.organizationId, at: input.at }
  const key = `${meta.collection}:${meta.id}`
  await awardPoints(client, rules, { ...base, rule: meta.kind === 'article' ? 'article' : 'video', eventKey: key })
  if (meta.collection !== 'micro-lessons') return
  await awardPoints(client, rules, { ...base, rule: 'lessonComplete', eventKey: key })
  for (const course of await coursesContaining(payload, meta.id)) {
    const done = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM study_progress WHERE member_id = $1 AND item_collection = 'micro-lessons' AND item_id = ANY($2::numeric[]) AND completed_at IS NOT NULL`,
      [input.memberId, course.lessons],
    )
    if (Number(done.rows[0].n) < course.lessons.length) continue
    await client.query(
      `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
       VALUES ($1, $2, 'courses', $3, 0, 0, 100, $4, 0, $4, $4)
       ON CONFLICT (member_id, item_collection, item_id) DO UPDATE SET percent = 100, completed_at = COALESCE(study_progress.completed_at, EXCLUDED.completed_at), updated_at = EXCLUDED.updated_at`,
      [input.memberId, input.organizationId, course.id, input.at],
    )
  }
}
