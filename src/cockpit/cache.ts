import type { Payload } from 'payload'

import { CONTENT_KINDS, STUDIED_KINDS } from '../content/kinds'
import { caughtUp, CHANNELS, changeCount, onChange, type Channel } from '../db/notify'
import { timed, type Timing } from '../timing'
import { adjustGroups, groupSums, type MemberGroups } from './groups'
import { itemKey } from './items'
import type { ItemRef, ItemSumRow, MemberFigureRow, Pace } from './queries'

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
 * process and patched, not dropped, when one member's figures move or who counts changes (a
 * person's organisation, stage, active flag or roles): the triggers name the person ('member:<id>'
 * on cockpit_members, src/db/sql/cockpit_changes.sql) and the next request re-reads only the rows
 * named since (a person no longer in scope has none and is taken out). Any other notice (deletions
 * from the rollups, a rebuild) or a lost listening connection drops them all. Patches run one after another
 * per scope, each after the request's `caughtUp`, so a request sees every change committed before it
 * began. At 20,000 members the whole pass took 226 / 401 ms (p50 / p95) beside the cockpit's other
 * queries (bench:cockpit, quiet); a completion now costs one row.
 *
 * Their grouped figures (src/cockpit/groups.ts) are kept with them for one pace and adjusted by each
 * patch (the patched members' old rows taken away, their new ones added): grouping 100,000 rows took
 * 92 / 153 ms. They are grouped afresh only when read, or when a request's pace differs (a new day
 * moves the expected 学时; a changed target).
 */
type MemberRows = {
  ready: Promise<Map<number, MemberFigureRow>>
  dirty: Set<number>
  queue: Promise<unknown>
  grouped: { pace: Pace; groups: MemberGroups } | null
}
const MEMBER_ROW_SCOPES = 200
const memberRows = new Map<string, MemberRows>()
let memberGeneration = 0
onChange('cockpit_members', (notice) => {
  const id = /^member:(\d+)$/.exec(notice ?? '')?.[1]
  if (id) for (const kept of memberRows.values()) kept.dirty.add(Number(id))
  else {
    memberRows.clear()
    memberGeneration++
  }
})

const samePace = (a: Pace, b: Pace) =>
  a.expected === b.expected && a.target === b.target && a.cadreExpected === b.cadreExpected && a.cadreTarget === b.cadreTarget

/** The kept rows' groups for `pace`, grouped afresh (and kept) when none are kept for it. */
const groupsFor = (kept: MemberRows, rows: Map<number, MemberFigureRow>, pace: Pace) => {
  if (!kept.grouped || !samePace(kept.grouped.pace, pace)) kept.grouped = { pace: { ...pace }, groups: groupSums(rows.values(), pace) }
  return kept.grouped.groups
}

export type MemberRowsFrom = 'kept' | 'patched' | 'loaded'
/**
 * The grouped member figures of a scope and year (`key`) for `pace`. `load` reads every member's row
 * (null) or those of the ids; `live` is the request's `caughtUp`.
 */
export const cachedMemberGroups = async (
  payload: Payload,
  key: string,
  load: (ids: number[] | null) => Promise<MemberFigureRow[]>,
  pace: Pace,
  live: Promise<boolean> = caughtUp(payload),
): Promise<{ groups: MemberGroups; from: MemberRowsFrom }> => {
  if (!(await live)) return { groups: groupSums(await load(null), pace), from: 'loaded' }
  const kept = memberRows.get(key)
  if (!kept) {
    const generation = memberGeneration
    // Registered before the read, so that members named while it runs are re-read next time.
    const fresh: MemberRows = {
      ready: load(null).then((rows) => new Map(rows.map((r) => [r.id, r]))),
      dirty: new Set(),
      queue: Promise.resolve(),
      grouped: null,
    }
    fresh.queue = fresh.ready
    if (memberRows.size >= MEMBER_ROW_SCOPES) memberRows.delete(memberRows.keys().next().value!)
    memberRows.set(key, fresh)
    try {
      const rows = await fresh.ready
      // Everything was dropped while reading (a rebuild, deletions): serve this read, keep nothing.
      if (generation !== memberGeneration && memberRows.get(key) === fresh) memberRows.delete(key)
      // A patch queued meanwhile adjusts these groups along with the rows, whichever comes first.
      return { groups: groupsFor(fresh, rows, pace), from: 'loaded' }
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
      // Rows and groups change together, with no await between: a request never sees one moved without the other.
      const before = ids.flatMap((id) => rows.get(id) ?? [])
      for (const id of ids) rows.delete(id)
      for (const r of fresh) rows.set(r.id, r)
      if (kept.grouped) kept.grouped = { ...kept.grouped, groups: adjustGroups(kept.grouped.groups, before, fresh, kept.grouped.pace) }
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
  if (memberRows.get(key) !== kept) return cachedMemberGroups(payload, key, load, pace, live)
  return { groups: groupsFor(kept, await kept.ready, pace), from }
}

/**
 * The other parts of the cockpit's answer (src/cockpit/data.ts), each kept per process per key
 * (a scope's organisations and year) until a notice about what it reads: a completion then re-reads
 * the month chart (the member rows and the item sums are patched), not the quiz figures, the branches or the content
 * work. The cockpit_figures notices name the table that moved (src/db/sql/cockpit_figures.sql);
 * settings, themes, content items and the organisation tree have channels of their own. Erring on
 * the side of reading again: every section is dropped at a notice about settings or the tree, at one
 * on cockpit_members that names no member (deletions from the rollups, a rebuild), at a figures notice whose
 * text it does not know (a trigger older than this code, or one added since) and when the listening
 * connection is lost. As with `keptUntilChange`, a value read while a notice dropping it came in is
 * not kept, and nothing is kept or served without a listening connection.
 */
export const FIGURE_TABLES = [
  'study_org_month',
  'quiz_org_month',
  'study_item_org_year',
  'quiz_question_org_year',
  'questions',
  'organizations',
  'organizations_compliance_issues',
  'users',
  'review_logs',
  'news_rels',
  'red_resources_rels',
  'micro_lessons_rels',
  'courses_rels',
] as const
export type FigureTable = (typeof FIGURE_TABLES)[number]

/** What a section reads: channels any notice on which drops it, and the tables whose figures notices do. */
export type Section = {
  name: string
  channels: readonly Channel[]
  tables: readonly FigureTable[]
  /** For what it reads that sends no notice (study seconds). */
  maxAgeMs?: number
}

/** Whether a notice on `channel` with text `notice` (none: the listening connection was lost) drops the section. */
export const dropsSection = (section: Section, channel: Channel, notice: string | undefined): boolean => {
  if (notice === undefined) return true
  if (channel === 'cockpit_members') return !/^member:\d+$/.test(notice)
  if (channel === 'cockpit_figures') {
    // An item's sums moved: patched (`cachedItemSums`), nothing dropped.
    if (ITEM_NOTICE.test(notice)) return false
    return !(FIGURE_TABLES as readonly string[]).includes(notice) || section.tables.includes(notice as FigureTable)
  }
  if (channel === 'organization_tree' || channel === 'platform_settings') return true
  return section.channels.includes(channel)
}

/** What the item rollup's row triggers send (src/db/sql/cockpit_figures.sql): 'item:<collection>:<id>'. */
const ITEM_NOTICE = /^item:([a-z][\w-]*):(\d+)$/

/** The themes each studied kind's items are tagged with (the `themes` section). */
const THEME_TABLES = STUDIED_KINDS.map((k) => `${CONTENT_KINDS[k].table}_rels`) as FigureTable[]
/** Study seconds added by heartbeats send no notice (that would cost every heartbeat a NOTIFY). */
const UNNOTIFIED_MAX_AGE_MS = 30_000

/** The cockpit's sections (src/cockpit/data.ts) and what each reads. */
export const SECTIONS = {
  settings: { name: 'settings', channels: ['platform_settings'], tables: [] },
  studyMonths: { name: 'studyMonths', channels: [], tables: ['study_org_month'], maxAgeMs: UNNOTIFIED_MAX_AGE_MS },
  quizMonths: { name: 'quizMonths', channels: [], tables: ['quiz_org_month'] },
  // The scope's completions per item: kept and patched one item at a time (`cachedItemSums`), dropped as a section would be.
  items: { name: 'items', channels: [], tables: ['study_item_org_year'] },
  // The top items' titles (keyed by the items, whatever the scope) from every studied kind's table.
  itemTitles: { name: 'itemTitles', channels: ['content_items'], tables: [] },
  // Every studied item's themes (whatever the scope).
  itemThemes: { name: 'itemThemes', channels: ['themes', 'content_items'], tables: THEME_TABLES },
  hardest: { name: 'hardest', channels: [], tables: ['quiz_question_org_year', 'questions'] },
  // Names, counts (organisations.member_count, written by the recount), terms, issues, secretaries' names.
  branches: { name: 'branches', channels: [], tables: ['organizations', 'organizations_compliance_issues', 'users'] },
  // Published items and review states (the review log records every move). Drafts' versions and quizzes send
  // no notice of their own: bounded by the maximum age, as before.
  content: { name: 'content', channels: ['content_items'], tables: ['review_logs'], maxAgeMs: UNNOTIFIED_MAX_AGE_MS },
} as const satisfies Record<string, Section>

/**
 * The scope's completions per item this year (src/cockpit/queries.ts `itemSums`: a few hundred rows,
 * summed from study_item_org_year over every organisation in scope: 32 / 126 ms at 20,000 members
 * for each of the top items and the themes, read again after every completion), kept per process and
 * patched as member rows are: the item rollup's row triggers name the item ('item:<collection>:<id>'
 * on cockpit_figures) and the next request re-reads the sums of the items named since. Whatever drops
 * the `items` section (a DELETE or TRUNCATE of the rollup, a rebuild, a notice it cannot place, a lost
 * connection) drops them all. The top items and themes are worked out from them (src/cockpit/items.ts).
 */
type ItemSums = { ready: Promise<Map<string, ItemSumRow>>; dirty: Map<string, ItemRef>; queue: Promise<unknown> }
const ITEM_SUM_SCOPES = 200
const itemSums = new Map<string, ItemSums>()
let itemGeneration = 0
for (const channel of CHANNELS)
  onChange(channel, (notice) => {
    const item = channel === 'cockpit_figures' ? ITEM_NOTICE.exec(notice ?? '') : null
    if (item) {
      const ref = { item_collection: item[1], item_id: Number(item[2]) }
      for (const kept of itemSums.values()) kept.dirty.set(itemKey(ref), ref)
    } else if (dropsSection(SECTIONS.items, channel, notice)) {
      itemSums.clear()
      itemGeneration++
    }
  })

export type ItemSumsFrom = MemberRowsFrom
/**
 * The completions per item of a scope and year (`key`), by `itemKey`: `load` reads every item's (null)
 * or those of the items named; `live` is the request's `caughtUp`. Not to be changed by the caller.
 */
export const cachedItemSums = async (
  payload: Payload,
  key: string,
  load: (items: ItemRef[] | null) => Promise<ItemSumRow[]>,
  live: Promise<boolean> = caughtUp(payload),
): Promise<{ sums: ReadonlyMap<string, ItemSumRow>; from: ItemSumsFrom }> => {
  const byKey = (rows: ItemSumRow[]) => new Map(rows.map((r) => [itemKey(r), r]))
  if (!(await live)) return { sums: byKey(await load(null)), from: 'loaded' }
  const kept = itemSums.get(key)
  if (!kept) {
    const generation = itemGeneration
    // Registered before the read, so that items named while it runs are re-read next time.
    const fresh: ItemSums = { ready: load(null).then(byKey), dirty: new Map(), queue: Promise.resolve() }
    fresh.queue = fresh.ready
    if (itemSums.size >= ITEM_SUM_SCOPES) itemSums.delete(itemSums.keys().next().value!)
    itemSums.set(key, fresh)
    try {
      const sums = await fresh.ready
      if (generation !== itemGeneration && itemSums.get(key) === fresh) itemSums.delete(key)
      return { sums, from: 'loaded' }
    } catch (error) {
      if (itemSums.get(key) === fresh) itemSums.delete(key)
      throw error
    }
  }
  const patch = async () => {
    const sums = await kept.ready
    if (!kept.dirty.size) return false
    const named = [...kept.dirty.values()]
    kept.dirty.clear()
    try {
      const fresh = await load(named)
      // Every named item's sum is replaced (gone when it has none left); the query may return a few more, each whole.
      for (const item of named) sums.delete(itemKey(item))
      for (const r of fresh) sums.set(itemKey(r), r)
    } catch (error) {
      for (const item of named) kept.dirty.set(itemKey(item), item)
      throw error
    }
    return true
  }
  const patched = kept.queue.then(patch, patch)
  kept.queue = patched.catch(() => undefined)
  const from: ItemSumsFrom = (await patched) ? 'patched' : 'kept'
  // Dropped while patching: read everything again rather than serve sums the drop was about.
  if (itemSums.get(key) !== kept) return cachedItemSums(payload, key, load, live)
  return { sums: await kept.ready, from }
}

type SectionState = { generation: number; entries: Map<string, { value: unknown; at: number }> }
const SECTION_KEYS = 200
const sectionStates = new Map<string, SectionState>()
const stateOf = (section: Section) => {
  let state = sectionStates.get(section.name)
  if (!state) sectionStates.set(section.name, (state = { generation: 0, entries: new Map() }))
  return state
}
for (const channel of CHANNELS)
  onChange(channel, (notice) => {
    for (const section of Object.values(SECTIONS) as Section[])
      if (dropsSection(section, channel, notice)) {
        const state = stateOf(section)
        state.entries.clear()
        state.generation++
      }
  })

/**
 * Reads sections for one request after one `caughtUp` (`live`): each call serves the kept value of
 * the section for the key, or loads (and keeps) it; Server-Timing names it `<name>-kept` or `<name>`.
 */
export const keptSections = (payload: Payload, timing?: Timing, live: Promise<boolean> = caughtUp(payload)) => {
  return async <T>(section: Section, key: string, load: () => Promise<T>): Promise<T> => {
    const t = performance.now()
    const state = stateOf(section)
    const isLive = await live
    const entry = state.entries.get(key)
    if (isLive && entry && Date.now() - entry.at < (section.maxAgeMs ?? Infinity)) {
      timing?.push([`${section.name}-kept`, performance.now() - t])
      return entry.value as T
    }
    const generation = state.generation
    const at = Date.now()
    const value = await timed(timing, section.name, load())
    if (isLive && state.generation === generation) {
      state.entries.delete(key)
      if (state.entries.size >= SECTION_KEYS) state.entries.delete(state.entries.keys().next().value!)
      state.entries.set(key, { value, at })
    }
    return value
  }
}

/**
 * The whole answer of GET /api/cockpit for a scope, year and day, in front of the sections: between
 * changes a committee member's cockpit is one lookup. Dropped on any notice about what it shows (the
 * member figures, the other rollups, organisations, names and review actions: src/db/sql/
 * cockpit_figures.sql; settings, themes, content items and the organisation tree); it is then put
 * together again from the kept sections, of which only those the change touched are read again.
 * Study seconds added by heartbeats send no notice; the month chart's study time may lag by this
 * maximum age and the section's, one minute together.
 */
const COCKPIT_MAX_AGE_MS = 30_000
const answers = keeper(
  ['cockpit_members', 'cockpit_figures', 'platform_settings', 'themes', 'content_items', 'organization_tree'],
  50,
  COCKPIT_MAX_AGE_MS,
)
export const cachedCockpitAnswer = <T>(payload: Payload, key: string, load: () => Promise<T>) =>
  keptUntilChange(answers, payload, key, load)
