import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { studyTargets } from '../ledger/targets'
import { expectedHours, yearOf } from '../study/pace'
import { PACE_STAGES } from '../warnings/checks'
import { POLITICAL_STAGE_LABELS, POLITICAL_STAGES } from '../people/stages'
import { HOUR_BANDS, type Band } from './data'
import { memberListRows } from './queries'
import type { Scope } from './scope'

/** The lists behind the charts (drill-down), each also exportable to Excel. */
/** allStages: everyone in scope (the branch roster), not only the Party members the 学时 rule binds. */
export type MemberFilter = { band?: Band; behind?: boolean; noQuiz?: boolean; allStages?: boolean }

export const STAGE_LABELS: Record<string, string> = Object.fromEntries(POLITICAL_STAGES.map((s) => [s, POLITICAL_STAGE_LABELS[s].zh]))

/** bound: a Party member, whom the 学时 target and pace apply to. */
export type MemberRow = {
  id: number
  name: string
  organizationId: number
  branch: string
  stage: string
  bound: boolean
  hours: number
  expected: number
  completions: number
  quizAttempts: number
  quizPassed: number
}

/** Members in scope (Party members the 32-hour rule binds), with the year's figures, fewest hours first. */
export const memberList = async (
  payload: Payload,
  scope: Scope,
  filter: MemberFilter = {},
  now = new Date(),
  year = yearOf(now),
): Promise<{ rows: MemberRow[]; expected: number; target: number }> => {
  // Each member against their role's target (32, or 56 for secretaries and committee staff by default).
  const targets = await studyTargets(payload)
  const expectedBy = (t: number) => (year === yearOf(now) ? expectedHours(t, now, year) : t)
  const target = targets.member
  const expected = expectedBy(target)
  const cadreExpected = expectedBy(targets.cadre)
  const band = filter.band ? HOUR_BANDS.find((b) => b.key === filter.band) : undefined
  const rows = await memberListRows(poolOf(payload), {
    orgIds: scope.orgIds,
    year,
    stages: filter.allStages ? [...POLITICAL_STAGES] : PACE_STAGES,
    min: band ? band.min : null,
    max: band && band.max !== Infinity ? band.max : null,
    // The 0 学时 band is hours up to 0; the others stop below their upper bound.
    maxInclusive: band?.key === 'zero',
    behind: !!filter.behind,
    expected,
    noQuiz: !!filter.noQuiz,
    cadreExpected,
  })
  return {
    target,
    expected,
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      organizationId: Number(r.organization_id),
      branch: String(r.branch ?? ''),
      stage: STAGE_LABELS[r.stage] ?? r.stage,
      bound: PACE_STAGES.includes(r.stage),
      hours: Math.round(Number(r.hours) * 10) / 10,
      expected: r.cadre ? cadreExpected : expected,
      completions: Number(r.completions),
      quizAttempts: Number(r.attempts),
      quizPassed: Number(r.passed),
    })),
  }
}
