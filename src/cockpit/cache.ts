import type { Payload } from 'payload'

import { caughtUp, changeCount, onChange } from '../db/notify'

/**
 * The cockpit's per-member figures (the `groups` query of src/cockpit/data.ts: one pass over every
 * member in scope with their year's 学时 and quiz figures — the part that grows with members), kept
 * per process and dropped in every process of every instance the moment they move: triggers send
 * NOTIFY cockpit_members when a member's year 学时, completions or quiz figures change, or who
 * counts as a member (src/db/sql/cockpit_changes.sql). Everything else the cockpit shows is read
 * fresh on each request. Keys hold the query's parameters (scope, year, the day's pace), so a new
 * day or a changed target is a new entry. Without a listening connection nothing is kept or served.
 */
const MAX_ENTRIES = 200
const entries = new Map<string, unknown>()
onChange('cockpit_members', () => entries.clear())

export const cachedMemberFigures = async <T>(
  payload: Payload,
  key: string,
  load: () => Promise<T>,
): Promise<{ value: T; hit: boolean }> => {
  // Every change committed before this request began has dropped what it touched (one round trip on
  // the listening connection), so a cockpit opened right after a member completes an item counts it.
  const live = await caughtUp(payload)
  if (live && entries.has(key)) return { value: entries.get(key) as T, hit: true }
  // A change committed while loading must not be cached over: keep the result only if no notice came meanwhile.
  const before = changeCount('cockpit_members')
  const value = await load()
  if (live && changeCount('cockpit_members') === before) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    entries.set(key, value)
  }
  return { value, hit: false }
}
