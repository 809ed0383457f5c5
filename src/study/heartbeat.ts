import type { Payload } from 'payload'
import type { Pool } from 'pg'

import { transact, type Tx } from '../db/transaction'
import { awardPoints, lockMember, pointRules } from '../points/award'
import { studyRules } from './derive'
import { coursesContaining, itemMeta, type ItemMeta, type TrackedCollection } from './items'
import { completionMet, DEFAULT_COMPLETION_SHARE, POSITION_TOLERANCE_SECONDS } from './length'
import { completedLessonCount, completeCourse, creditBeats, organizationOfMember, type CreditedBeatRow } from './queries'

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
  /** The session id from the member's token; checked in the database. Null for trusted server calls. */
  sid?: string | null
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
/** The default share of an item's real length that must be credited to complete it (平台设置: completionShare). */
export const MEDIA_COMPLETE_SHARE = DEFAULT_COMPLETION_SHARE

/** Whether an item's completion conditions (before any required quiz) are met: src/study/length.ts completionMet. */
export const conditionsMet = (
  meta: ItemMeta,
  seconds: number,
  position: number,
  scrolledToEnd: boolean,
  share: number = DEFAULT_COMPLETION_SHARE,
) => completionMet({ kind: meta.kind, lengthSeconds: meta.durationSeconds }, { secondsCredited: seconds, position, scrolledToEnd }, share)

/** One queued beat waiting for the next batch. */
type Pending = { input: BeatInput; meta: ItemMeta; resolve: (r: BeatResult | 'unauthorized' | null) => void; reject: (e: unknown) => void }

/**
 * Credits heartbeats in batches: beats that arrive while a batch is in the database wait for the
 * next one, and each batch is one call of `study_credit_beats` (see its migration), so a beat costs
 * no round trip of its own — the generic create pipeline manages a few hundred a second here, this
 * thousands. Beats are sorted by member so concurrent batches lock members in the same order.
 */
class BeatBatcher {
  private queue: Pending[] = []
  private inFlight = 0
  constructor(
    private payload: Payload,
    private pool: Pool,
    private maxInFlight = 2,
    private maxBatch = 256,
  ) {}

  add(input: BeatInput, meta: ItemMeta) {
    return new Promise<BeatResult | 'unauthorized' | null>((resolve, reject) => {
      this.queue.push({ input, meta, resolve, reject })
      this.pump()
    })
  }

  private pump() {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch)
      this.inFlight++
      void this.flush(batch).finally(() => {
        this.inFlight--
        this.pump()
      })
    }
  }

  private async flush(batch: Pending[]) {
    const ordered = batch.map((p, idx) => ({ p, idx })).sort((a, b) => a.p.input.memberId - b.p.input.memberId || a.idx - b.idx)
    const beats = ordered.map(({ p, idx }) => ({
      idx,
      memberId: p.input.memberId,
      sid: p.input.sid ?? null,
      collection: p.input.collection,
      itemId: p.input.itemId,
      event: p.input.event,
      position: p.input.position,
      beatId: p.input.beatId,
      scrolledToEnd: Boolean(p.input.scrolledToEnd),
      at: p.input.at.toISOString(),
      kind: p.meta.kind,
      durationSeconds: p.meta.durationSeconds,
      creditHours: p.meta.creditHours,
      quizRequired: p.meta.quizRequired,
    }))
    let rows: CreditedBeatRow[]
    try {
      const rules = await studyRules(this.payload)
      rows = await creditBeats(this.pool, beats, {
        maxGapSeconds: MAX_BEAT_GAP_SECONDS,
        capFactor: DURATION_CAP_FACTOR,
        completionShare: rules.completionShare,
        minutesPerCreditHour: rules.minutesPerCreditHour,
        toleranceSeconds: POSITION_TOLERANCE_SECONDS,
      })
    } catch (error) {
      for (const p of batch) p.reject(error)
      return
    }
    for (const row of rows) {
      const p = batch[row.idx]
      if (row.status === 'unauthorized') {
        p.resolve('unauthorized')
        continue
      }
      if (row.status === 'unpublished') {
        // Withdrawn (or otherwise not published) when the beat reached the database: nothing credited.
        p.resolve(null)
        continue
      }
      const result: BeatResult = {
        credited: row.credited,
        secondsCredited: row.seconds,
        position: row.pos,
        percent: row.pct,
        completed: row.completed,
        completedNow: row.completed_now,
        hoursCredited: row.hours,
        replay: row.status === 'replay',
      }
      if (!result.completedNow) {
        p.resolve(result)
        continue
      }
      completeAfterBeat(this.payload, p.meta, p.input).then(
        () => p.resolve(result),
        (e) => p.reject(e),
      )
    }
  }
}

/** Rare: points and the course, in a transaction of their own (both are idempotent). */
const completeAfterBeat = (payload: Payload, meta: ItemMeta, input: BeatInput) =>
  transact(payload, async (tx) => {
    await lockMember(tx, input.memberId, input.at)
    const organizationId = await organizationOfMember(tx, input.memberId)
    await afterCompletion(payload, tx, meta, {
      memberId: input.memberId,
      organizationId,
      at: input.at,
    })
  })

const batchers = new WeakMap<Pool, BeatBatcher>()

/**
 * Credits one heartbeat (see BeatBatcher): never more than the wall-clock time since the member's
 * previous beat, never two items at once (the newest item wins), never more than 1.5× the item's
 * length, and a replayed beat (same beatId) changes nothing. Null when the item is not published;
 * 'unauthorized' when the member's session has ended.
 */
export const recordBeat = async (payload: Payload, pool: Pool, input: BeatInput): Promise<BeatResult | 'unauthorized' | null> => {
  const meta = await itemMeta(payload, input.collection, input.itemId)
  if (!meta) return null
  let batcher = batchers.get(pool)
  if (!batcher) batchers.set(pool, (batcher = new BeatBatcher(payload, pool)))
  return batcher.add(input, meta)
}

/** Points for the completed item, and the course when this was its last lesson. */
export const afterCompletion = async (
  payload: Payload,
  tx: Tx,
  meta: ItemMeta,
  input: Pick<BeatInput, 'memberId' | 'organizationId' | 'at'>,
) => {
  const rules = await pointRules(payload, tx.req)
  const base = { memberId: input.memberId, organizationId: input.organizationId, at: input.at }
  const key = `${meta.collection}:${meta.id}`
  await awardPoints(tx, rules, { ...base, rule: meta.kind === 'article' ? 'article' : 'video', eventKey: key })
  if (meta.collection !== 'micro-lessons') return
  await awardPoints(tx, rules, { ...base, rule: 'lessonComplete', eventKey: key })
  for (const course of await coursesContaining(payload, meta.id, tx.req)) {
    if ((await completedLessonCount(tx, input.memberId, course.lessons)) < course.lessons.length) continue
    await completeCourse(tx, { member: input.memberId, organization: input.organizationId, course: course.id, at: input.at })
  }
}
