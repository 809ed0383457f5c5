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
 * The per-member figures (the `groups` query of src/cockpit/data.ts: one pass over every member in
 * scope with their year's 学时 and quiz figures — the part that grows with members). Triggers send
 * NOTIFY cockpit_members when a member's year 学时, completions or quiz figures change, or who counts
 * as a member (src/db/sql/cockpit_changes.sql). Keys hold the query's parameters (scope, year, the
 * day's pace), so a new day or a changed target is a new entry.
 */
const memberFigures = keeper(['cockpit_members'], 200)
export const cachedMemberFigures = <T>(payload: Payload, key: string, load: () => Promise<T>) =>
  keptUntilChange(memberFigures, payload, key, load)

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
