import type { MemberFigureRow, Pace } from './queries'

/**
 * The member figures of a scope per organisation and for the whole scope, from one row per member
 * (src/cockpit/queries.ts `members`): what the `groups` query once computed in SQL with GROUPING SETS,
 * done here so that the rows can be kept between changes and patched one member at a time (a
 * completion re-reads one row, not every member: src/cockpit/cache.ts). Pure.
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

const empty = (org: number | null): GroupRow => ({
  org,
  total: org === null ? 1 : 0,
  members: 0,
  on_pace: 0,
  at_target: 0,
  zero: 0,
  lt8: 0,
  lt16: 0,
  lt24: 0,
  lt32: 0,
  done: 0,
  hours: 0,
  completions: 0,
  participants: 0,
  attempts: 0,
  passed: 0,
  score_sum: 0,
})

/** The hour band of the distribution chart (src/cockpit/data.ts HOUR_BANDS: lower bound inclusive). */
const band = (hours: number): 'zero' | 'lt8' | 'lt16' | 'lt24' | 'lt32' | 'done' =>
  hours === 0 ? 'zero' : hours < 8 ? 'lt8' : hours < 16 ? 'lt16' : hours < 24 ? 'lt24' : hours < 32 ? 'lt32' : 'done'

/** One row per organisation with members, then the whole scope's (always present, zero when empty). */
export const groupMembers = (rows: Iterable<MemberFigureRow>, pace: Pace): GroupRow[] => {
  const total = empty(null)
  const perOrg = new Map<number, GroupRow>()
  for (const m of rows) {
    let g = perOrg.get(m.org)
    if (!g) perOrg.set(m.org, (g = empty(m.org)))
    const onPace = m.hours >= (m.cadre ? pace.cadreExpected : pace.expected)
    const atTarget = m.hours >= (m.cadre ? pace.cadreTarget : pace.target)
    for (const r of [g, total]) {
      r.members++
      if (onPace) r.on_pace++
      if (atTarget) r.at_target++
      r[band(m.hours)]++
      r.hours += m.hours
      r.completions += m.completions
      if (m.attempts > 0) r.participants++
      r.attempts += m.attempts
      r.passed += m.passed
      r.score_sum += m.score_sum
    }
  }
  return [...perOrg.values(), total]
}
