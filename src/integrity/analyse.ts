import type { Payload } from 'payload'

import { SKIP_AUDIT } from '../audit/hooks'
import { itemMeta, type TrackedCollection, TRACKED_COLLECTIONS } from '../study/items'
import { poolOf } from '../db/pool'
import { completionsOf, eventsOf, heldSecondsOf, membersWithEvents } from './queries'
import { detectAll, flagKey, mergeFlags, type Beat, type Completion, type IntegrityFlag, type ItemInfo, type Thresholds } from './detect'
import { shanghaiDay } from '../dates'

/**
 * The study-integrity analysis (issue 13 §2): reads a Shanghai day's study_events, runs the
 * detector (src/integrity/detect.ts) member by member and writes one `integrity-flags` row per
 * member, kind and day. Idempotent: the row's `flagKey` (member:kind:day) is unique; a rerun
 * refreshes a pending flag's evidence and leaves a reviewed one (cleared or confirmed) alone.
 * Nightly (src/jobs/scheduler.ts, 02:20, the day before) and on demand: `analyseIntegrity`.
 */

export type AnalyseOptions = {
  /** Only these members (tests; an on-demand check of one person). Default: everyone with beats that day. */
  memberIds?: number[]
  thresholds?: Partial<Thresholds>
  /** Members read per batch. */
  batchSize?: number
}

export type AnalyseResult = {
  days: string[]
  members: number
  beats: number
  created: number
  updated: number
  unchanged: number
  flags: IntegrityFlag[]
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`)
const nextDay = (day: string) => shanghaiDay(new Date(dayStart(day).getTime() + 36 * 3600_000))

/** Yesterday in Asia/Shanghai, as YYYY-MM-DD, relative to `now` (or to a day string). */
export const previousShanghaiDay = (now: Date | string = new Date()) => {
  const start = typeof now === 'string' ? dayStart(now) : dayStart(shanghaiDay(now))
  return shanghaiDay(new Date(start.getTime() - 12 * 3600_000))
}

/** The days from `from` to `to` inclusive (YYYY-MM-DD, Shanghai). */
export const daysBetween = (from: string, to: string) => {
  if (!DAY_RE.test(from) || !DAY_RE.test(to)) throw new Error(`日期格式应为 YYYY-MM-DD：${from}、${to}`)
  const out: string[] = []
  for (let d = from; d <= to && out.length < 400; d = nextDay(d)) out.push(d)
  return out
}

/** 平台设置's completion share (the share of an item's real length that must be credited), default 0.9. */
const completionShare = async (payload: Payload) => {
  const settings = (await payload.findGlobal({ slug: 'platform-settings', depth: 0, overrideAccess: true }).catch(() => null)) as {
    completionShare?: unknown
  } | null
  const share = settings?.completionShare
  return typeof share === 'number' && share > 0 && share <= 1 ? share : 0.9
}

/** Item kinds and minimum seconds (completion share × real length) for the detector. */
const itemInfos = async (payload: Payload, keys: string[]) => {
  const share = await completionShare(payload)
  const infos = new Map<string, ItemInfo>()
  for (const key of keys) {
    const [collection, id] = key.split(':')
    if (!TRACKED_COLLECTIONS.includes(collection as TrackedCollection)) continue
    const meta = await itemMeta(payload, collection as TrackedCollection, Number(id)).catch(() => null)
    if (!meta) continue
    infos.set(key, { kind: meta.kind, minSeconds: share * meta.durationSeconds })
  }
  return infos
}

/** Writes one flag idempotently; returns what happened. */
const writeFlag = async (payload: Payload, flag: IntegrityFlag, day: string): Promise<'created' | 'updated' | 'unchanged'> => {
  const key = flagKey(flag, day)
  const data = {
    member: flag.memberId,
    organization: flag.organizationId ?? undefined,
    kind: flag.kind,
    day,
    flagKey: key,
    periodStart: flag.periodStart.toISOString(),
    periodEnd: flag.periodEnd.toISOString(),
    secondsHeld: flag.secondsAffected,
    summary: flag.evidence.summary,
    items: flag.items,
    evidence: flag.evidence,
  }
  const find = () =>
    payload.find({ collection: 'integrity-flags', where: { flagKey: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })
  let existing = (await find()).docs[0] as unknown as Record<string, unknown> | undefined
  if (!existing) {
    try {
      await payload.create({
        collection: 'integrity-flags',
        data: { ...data, status: 'pending' },
        depth: 0,
        overrideAccess: true,
        context: { [SKIP_AUDIT]: true },
      })
      return 'created'
    } catch (error) {
      // Another run wrote it first (the unique key): fall through to the refresh.
      existing = (await find()).docs[0] as unknown as Record<string, unknown> | undefined
      if (!existing) throw error
    }
  }
  if (existing.status !== 'pending') return 'unchanged'
  if (Number(existing.secondsHeld) === flag.secondsAffected && existing.summary === flag.evidence.summary) return 'unchanged'
  await payload.update({
    collection: 'integrity-flags',
    id: existing.id as number,
    data: data,
    depth: 0,
    overrideAccess: true,
    context: { [SKIP_AUDIT]: true },
  })
  return 'updated'
}

/** Analyses one Shanghai day (YYYY-MM-DD). */
export const analyseDay = async (payload: Payload, day: string, opts: AnalyseOptions = {}): Promise<AnalyseResult> => {
  if (!DAY_RE.test(day)) throw new Error(`日期格式应为 YYYY-MM-DD：${day}`)
  const pool = poolOf(payload)
  const from = dayStart(day)
  const to = dayStart(nextDay(day))
  const result: AnalyseResult = { days: [day], members: 0, beats: 0, created: 0, updated: 0, unchanged: 0, flags: [] }
  const members = opts.memberIds?.length ? opts.memberIds.map(Number) : await membersWithEvents(pool, from, to)
  const size = opts.batchSize ?? 500
  for (let i = 0; i < members.length; i += size) {
    const batch = members.slice(i, i + size)
    const rows = await eventsOf(pool, batch, from, to)
    const done = await completionsOf(pool, batch, from, to)
    const beats: Beat[] = rows.map((r) => ({
      memberId: r.member_id,
      organizationId: r.organization_id,
      itemCollection: r.item_collection,
      itemId: Number(r.item_id),
      kind: r.kind,
      at: new Date(r.created_at),
      creditedSeconds: Number(r.credited_seconds),
      position: r.client_position === null ? null : Number(r.client_position),
    }))
    const completions: Array<Completion & { memberId: number }> = done.map((r) => ({
      memberId: r.member_id,
      itemCollection: r.item_collection,
      itemId: Number(r.item_id),
      at: new Date(r.completed_at),
    }))
    const keys = [...new Set([...beats, ...completions].map((b) => `${b.itemCollection}:${b.itemId}`))]
    const items = await itemInfos(payload, keys)
    result.members += new Set(beats.map((b) => b.memberId)).size
    result.beats += beats.length
    const flags = detectAll(beats, { completions, items, thresholds: opts.thresholds })
    // One flag per member and kind for the day.
    const byMember = new Map<number, IntegrityFlag[]>()
    for (const f of flags) byMember.set(f.memberId, [...(byMember.get(f.memberId) ?? []), f])
    for (const list of byMember.values()) {
      for (const flag of mergeFlags(list)) {
        result.flags.push(flag)
        result[await writeFlag(payload, flag, day)]++
      }
    }
  }
  return result
}

/** On demand: analyses every Shanghai day from `from` to `to` inclusive (YYYY-MM-DD). */
export const analyseIntegrity = async (
  payload: Payload,
  period: { from: string; to?: string },
  opts: AnalyseOptions = {},
): Promise<AnalyseResult> => {
  const total: AnalyseResult = { days: [], members: 0, beats: 0, created: 0, updated: 0, unchanged: 0, flags: [] }
  for (const day of daysBetween(period.from, period.to ?? period.from)) {
    const r = await analyseDay(payload, day, opts)
    total.days.push(day)
    total.members += r.members
    total.beats += r.beats
    total.created += r.created
    total.updated += r.updated
    total.unchanged += r.unchanged
    total.flags.push(...r.flags)
  }
  return total
}

/** The nightly run: yesterday (Asia/Shanghai) of `now`, or of the schedule's period (today's day). */
export const analyseYesterday = (payload: Payload, now: Date | string = new Date(), opts: AnalyseOptions = {}) =>
  analyseDay(payload, previousShanghaiDay(now), opts)

/**
 * Seconds held out of a member's 学时 total: credited seconds of their flags that no secretary has
 * cleared (pending and confirmed), optionally limited to flags whose day lies in [fromDay, toDay].
 * Flags of different kinds may cover the same beats; the largest per day is held, not the sum.
 */
export const heldSeconds = async (payload: Payload, memberId: number, range: { fromDay?: string; toDay?: string } = {}) =>
  heldSecondsOf(poolOf(payload), memberId, range.fromDay ?? null, range.toDay ?? null)
