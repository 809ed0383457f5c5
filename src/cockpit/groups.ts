import type { MemberFigureRow, Pace } from './queries'

/**
 * The member figures of a scope per organisation and for the whole scope, from one row per member
 * (src/cockpit/queries.ts `members`): what the `groups` query once computed in SQL with GROUPING SETS,
 * done here so that the rows can be kept between changes and patched one member at a time (a
 * completion re-reads one row, not every member: src/cockpit/cache.ts), and the sums adjusted by
 * the patched rows instead of regrouping every member (92 / 153 ms at 100,000 members). Pure.
 */

/** `org` null and `total` 1 on the row of the whole scope; `zero` … `done` count members per hour band. */
export type GroupRow = {
  org: number | null
  total: number
  members: number
  on_pace: number
  at_target: number
  zero: number
  lt8: number
  lt16: number
  lt24: number
  lt32: number
  done: number
  hours: number
  completions: number
  participants: number
  attempts: number
  passed: number
  score_sum: number
}

/**
 * A group's sums as kept between patches. 学时 and scores are PostgreSQL `numeric` read as JS
 * numbers: summed as floats, adding a row and taking it away again need not give back the same sum,
 * so they are summed in integer ten-thousandths (学时 have at most four decimals, src/study/length.ts)
 * and every sum is an exact integer, whatever order rows came and went in.
 */
type Sums = Omit<GroupRow, 'org' | 'total' | 'hours' | 'score_sum'> & { hours4: number; score4: number }

/** The grouped figures of a set of member rows, for one pace: adjusted, not recomputed, as rows change. */
export type MemberGroups = { readonly perOrg: ReadonlyMap<number, Readonly<Sums>>; readonly total: Readonly<Sums> }

const empty = (): Sums => ({
  members: 0,
  on_pace: 0,
  at_target: 0,
  zero: 0,
  lt8: 0,
  lt16: 0,
  lt24: 0,
  lt32: 0,
  done: 0,
  hours4: 0,
  completions: 0,
  participants: 0,
  attempts: 0,
  passed: 0,
  score4: 0,
})

const UNITS = 10_000
const units = (v: number) => Math.round(v * UNITS)

/** The hour band of the distribution chart (src/cockpit/data.ts HOUR_BANDS: lower bound inclusive). */
const band = (hours: number): 'zero' | 'lt8' | 'lt16' | 'lt24' | 'lt32' | 'done' =>
  hours === 0 ? 'zero' : hours < 8 ? 'lt8' : hours < 16 ? 'lt16' : hours < 24 ? 'lt24' : hours < 32 ? 'lt32' : 'done'

/** Adds one member's contribution to a group (`sign` 1), or takes it away (-1). */
const count = (r: Sums, m: MemberFigureRow, pace: Pace, sign: 1 | -1) => {
  r.members += sign
  if (m.hours >= (m.cadre ? pace.cadreExpected : pace.expected)) r.on_pace += sign
  if (m.hours >= (m.cadre ? pace.cadreTarget : pace.target)) r.at_target += sign
  r[band(m.hours)] += sign
  r.hours4 += sign * units(m.hours)
  r.completions += sign * m.completions
  if (m.attempts > 0) r.participants += sign
  r.attempts += sign * m.attempts
  r.passed += sign * m.passed
  r.score4 += sign * units(m.score_sum)
}

/** The sums of every member row, per organisation with members and for the whole scope. */
export const groupSums = (rows: Iterable<MemberFigureRow>, pace: Pace): MemberGroups => {
  const total = empty()
  const perOrg = new Map<number, Sums>()
  for (const m of rows) {
    let g = perOrg.get(m.org)
    if (!g) perOrg.set(m.org, (g = empty()))
    count(g, m, pace, 1)
    count(total, m, pace, 1)
  }
  return { perOrg, total }
}

/**
 * The sums after some members' rows changed: `before` holds the rows they had (none for a member
 * entering the scope), `after` those they have now (none for one leaving it), for the same `pace`
 * the sums were made for. Equal to `groupSums` of the rows as they now are; a new value, `groups`
 * untouched (only the organisations concerned are copied).
 */
export const adjustGroups = (
  groups: MemberGroups,
  before: Iterable<MemberFigureRow>,
  after: Iterable<MemberFigureRow>,
  pace: Pace,
): MemberGroups => {
  const total = { ...groups.total }
  const perOrg = new Map(groups.perOrg)
  const copied = new Set<number>()
  const group = (org: number) => {
    let g = perOrg.get(org) as Sums | undefined
    if (!g) perOrg.set(org, (g = empty()))
    else if (!copied.has(org)) perOrg.set(org, (g = { ...g }))
    copied.add(org)
    return g
  }
  for (const [rows, sign] of [
    [before, -1],
    [after, 1],
  ] as const)
    for (const m of rows) {
      count(group(m.org), m, pace, sign)
      count(total, m, pace, sign)
    }
  // An organisation left without members has no row, as when grouped afresh (its sums are all 0 then).
  for (const org of copied) if (perOrg.get(org)!.members === 0) perOrg.delete(org)
  return { perOrg, total }
}

const rowOf = (org: number | null, { hours4, score4, ...s }: Readonly<Sums>): GroupRow => ({
  org,
  total: org === null ? 1 : 0,
  ...s,
  hours: hours4 / UNITS,
  score_sum: score4 / UNITS,
})

/** One row per organisation with members (by id), then the whole scope's (always present, zero when empty). */
export const groupRows = (groups: MemberGroups): GroupRow[] => [
  ...[...groups.perOrg.entries()].sort(([a], [b]) => a - b).map(([org, s]) => rowOf(org, s)),
  rowOf(null, groups.total),
]

/** The grouped figures of the rows, afresh. */
export const groupMembers = (rows: Iterable<MemberFigureRow>, pace: Pace): GroupRow[] => groupRows(groupSums(rows, pace))
