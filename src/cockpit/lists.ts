import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { cadreSql, studyTargets } from '../ledger/targets'
import { expectedHours, yearOf } from '../study/pace'
import { PACE_STAGES } from '../warnings/checks'
import { POLITICAL_STAGE_LABELS, POLITICAL_STAGES } from '../people/stages'
import { HOUR_BANDS, type Band } from './data'
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
  const { rows } = await poolOf(payload).query(
    `SELECT u.id, u.name, u.organization_id, o.name AS branch, u.political_stage::text AS stage, coalesce(y.hours, 0) AS hours, coalesce(y.completions, 0) AS completions,
            ${cadreSql('u')} AS cadre,
            coalesce(q.attempts, 0) AS attempts, coalesce(q.passed, 0) AS passed
       FROM users u
       JOIN users_roles r ON r.parent_id = u.id AND r.value = 'member'
       LEFT JOIN organizations o ON o.id = u.organization_id
       LEFT JOIN study_member_year y ON y.member_id = u.id AND y.year = $2
       LEFT JOIN quiz_member_year q ON q.member_id = u.id AND q.year = $2
      WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage::text = ANY($3::text[])
        AND ($4::numeric IS NULL OR coalesce(y.hours, 0) >= $4) AND ($5::numeric IS NULL OR coalesce(y.hours, 0) ${band?.key === 'zero' ? '<=' : '<'} $5)
        AND (NOT $6 OR coalesce(y.hours, 0) < CASE WHEN ${cadreSql('u')} THEN $9::numeric ELSE $7::numeric END) AND (NOT $8 OR coalesce(q.attempts, 0) = 0)
      ORDER BY coalesce(y.hours, 0), o.name, u.name LIMIT 5000`,
    [
      scope.orgIds,
      year,
      filter.allStages ? [...POLITICAL_STAGES] : PACE_STAGES,
      band ? band.min : null,
      band && band.max !== Infinity ? band.max : null,
      !!filter.behind,
      expected,
      !!filter.noQuiz,
      cadreExpected,
    ],
  )
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
