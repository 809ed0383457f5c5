import type { Payload } from 'payload'

import { caughtUp, changeCount, onChange, type Channel } from '../db/notify'

/**
 * What the cockpit keeps per process between changes, dropped in every process of every instance
 * the moment it moves (change notices, src/db/notify.ts). Before serving a kept value, one round trip
 * on the listening connection makes sure every change committed before the request began has been
 * heard, so a cockpit opened right after a member completes an item counts it. A value loaded while
 * a notice came in is not kept (it may predate the change). Without a listening connection nothing is
 * kept or served.
 */
type Kept = { channels: readonly Channel[]; maxEntries: number; maxAgeMs: number; entries: Map<string, { value: unknown; at: number }> }

const keeper = (channels: readonly Channel[], maxEntries: number, maxAgeMs = Infinity): Kept => {
  const kept: Kept = { channels, maxEntries, maxAgeMs, entries: new Map() }
  for (const channel of channels) onChange(channel, () => kept.entries.clear())
  return kept
}

const notices = (kept: Kept) => kept.channels.reduce((a, c) => a + changeCount(c), 0)

const keptUntilChange = async <T>(
  kept: Kept,
  payload: Payload,
  key: string,
  load: () => Promise<T>,
): Promise<{ value: T; hit: boolean }> => {
  const live = await caughtUp(payload)
  const entry = kept.entries.get(key)
  if (live && entry && Date.now() - entry.at < kept.maxAgeMs) return { value: entry.value as T, hit: true }
  const before = notices(kept)
  const at = Date.now()
  const value = await load()
  if (live && notices(kept) === before) {
    kept.entries.delete(key)
    if (kept.entries.size >= kept.maxEntries) kept.entries.delete(kept.entries.keys().next().value!)
    kept.entries.set(key, { value, at })
  }
  return { value, hit: false }
}

/**
 * The member rows of a scope and year (src/cockpit/queries.ts `members`: one row per member the study
 * rules bind, with their year's 学时 and quiz figures — the part that grows with members), kept per
 * process and patched, not dropped, when one member's figures move: the triggers name the member
 * ('member:<id>' on cockpit_members, src/db/sql/cockpit_changes.sql) and the next request re-reads
 * only the rows named since. Any other notice (who counts: organisation, stage, active, roles;
 * deletions; a rebuild) or a lost listening connection drops them all. Patches run one after another
 * per scope, each after the request's `caughtUp`, so a request sees every change committed before it
 * began. At 20,000 members the whole pass took 226 / 401 ms (p50 / p95) beside the cockpit's other
 * queries (bench:cockpit, quiet); a completion now costs one row.
 */
type MemberRows<Row> = { ready: Promise<Map<number, Row>>; dirty: Set<number>; queue: Promise<unknown> }
const MEMBER_ROW_SCOPES = 200
const memberRows = new Map<string, MemberRows<unknown>>()
let memberGeneration = 0
onChange('cockpit_members', (notice) => {
  const id = /^member:(\d+)$/.exec(notice ?? '')?.[1]
  if (id) for (const kept of memberRows.values()) kept.dirty.add(Number(id))
  else {
    memberRows.clear()
    memberGeneration++
  }
})

export type MemberRowsFrom = 'kept' | 'patched' | 'loaded'
export const cachedMemberRows = async <Row extends { id: number }>(
  payload: Payload,
  key: string,
  load: (ids: number[] | null) => Promise<Row[]>,
): Promise<{ rows: Iterable<Row>; from: MemberRowsFrom }> => {
  if (!(await caughtUp(payload))) return { rows: await load(null), from: 'loaded' }
  const kept = memberRows.get(key) as MemberRows<Row> | undefined
  if (!kept) {
    const generation = memberGeneration
    // Registered before the read, so that members named while it runs are re-read next time.
    const fresh: MemberRows<Row> = {
      ready: load(null).then((rows) => new Map(rows.map((r) => [r.id, r]))),
      dirty: new Set(),
      queue: Promise.resolve(),
    }
    fresh.queue = fresh.ready
    if (memberRows.size >= MEMBER_ROW_SCOPES) memberRows.delete(memberRows.keys().next().value!)
    memberRows.set(key, fresh)
    try {
      const rows = await fresh.ready
      // Everything was dropped while reading (who counts changed): serve this read, keep nothing.
      if (generation !== memberGeneration && memberRows.get(key) === fresh) memberRows.delete(key)
      return { rows: rows.values(), from: 'loaded' }
    } catch (error) {
      if (memberRows.get(key) === fresh) memberRows.delete(key)
      throw error
    }
  }
  const patch = async () => {
    const rows = await kept.ready
    if (!kept.dirty.size) return false
    const ids = [...kept.dirty]
    kept.dirty.clear()
    try {
      const fresh = await load(ids)
      for (const id of ids) rows.delete(id)
      for (const r of fresh) rows.set(r.id, r)
    } catch (error) {
      for (const id of ids) kept.dirty.add(id)
      throw error
    }
    return true
  }
  const patched = kept.queue.then(patch, patch)
  kept.queue = patched.catch(() => undefined)
  const from: MemberRowsFrom = (await patched) ? 'patched' : 'kept'
  // Dropped while patching: read everything again rather than serve rows the drop was about.
  if (memberRows.get(key) !== kept) return cachedMemberRows(payload, key, load)
  return { rows: (await kept.ready).values(), from }
}

/**
 * The whole answer of GET /api/cockpit for a scope, year and day: between changes a committee
 * member's cockpit is one lookup (at 100,000 members the nine queries take 200–300 ms even with the
 * member figures kept). Dropped on any notice about what it shows: the member figures, the other
 * rollups, organisations, names and review actions (src/db/sql/cockpit_figures.sql), settings,
 * themes, content items and the organisation tree. Study seconds added by heartbeats send no notice
 * (that would cost every heartbeat a NOTIFY); the month chart's study time may lag by the maximum age.
 */
const COCKPIT_MAX_AGE_MS = 60_000
const answers = keeper(
  ['cockpit_members', 'cockpit_figures', 'platform_settings', 'themes', 'content_items', 'organization_tree'],
  50,
  COCKPIT_MAX_AGE_MS,
)
export const cachedCockpitAnswer = <T>(payload: Payload, key: string, load: () => Promise<T>) =>
  keptUntilChange(answers, payload, key, load)
