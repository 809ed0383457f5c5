import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { ancestors } from '../organizations/tree'
import { notify, shanghaiDay } from '../warnings/checks'
import { caseState } from './case'
import { localRules } from './localRules'
import { rulesFor } from './steps'

/**
 * 发展党员 overdue steps (issue 17 §2): a step past its "within" rule (the talk within a month of the
 * application, the committee's approval within three months of the branch meeting) warns the branch
 * secretary and the committee staff above, once a day per case and step (notify's unique key). Run
 * nightly by the jobs queue; returns how many notifications were new.
 */
export const developmentCheck = async (payload: Payload, now = new Date()) => {
  const pool = poolOf(payload)
  const day = shanghaiDay(now)
  const { rows: cases } = await pool.query<{
    id: number
    org: number
    rule_version: string
    name: string
    secretary: number | null
    extended: boolean | null
    months: number | null
  }>(
    `SELECT c.id, c.organization_id AS org, c.rule_version, u.name, o.secretary_id AS secretary, c.extended, c.extension_months AS months
       FROM development_cases c JOIN users u ON u.id = c.person_id JOIN organizations o ON o.id = c.organization_id WHERE c.status = 'active'`,
  )
  if (!cases.length) return { cases: 0, overdue: 0, notified: 0 }
  const { rows: steps } = await pool.query<{ case_id: number; no: number; date: Date }>(
    `SELECT case_id, no, date FROM development_steps WHERE case_id = ANY($1::int[])`,
    [cases.map((c) => c.id)],
  )
  const { rows: staff } = await pool.query<{ id: number; org: number }>(
    `SELECT u.id, u.organization_id AS org FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'partyCommittee' WHERE u.active IS NOT FALSE`,
  )
  const { locals } = await localRules(payload)
  const notes: Parameters<typeof notify>[1] = []
  let overdue = 0
  for (const c of cases) {
    const rules = rulesFor(c.rule_version, locals)
    if (!rules) continue
    const done = Object.fromEntries(steps.filter((s) => s.case_id === c.id).map((s) => [s.no, shanghaiDay(new Date(s.date))]))
    const state = caseState(
      rules,
      { done, notices: [], votes: {}, outcome: c.extended ? 'extended' : undefined, extensionMonths: c.months ?? undefined },
      day,
    )
    if (!state.overdue.length) continue
    overdue++
    const chain = (await ancestors(payload, c.org)).filter((o) => o !== c.org)
    const recipients = new Set([
      ...(c.secretary ? [Number(c.secretary)] : []),
      ...staff.filter((s) => chain.includes(Number(s.org))).map((s) => Number(s.id)),
    ])
    for (const o of state.overdue)
      for (const recipient of recipients)
        notes.push({
          recipient,
          kind: 'developmentDue',
          title: `${c.name}：第 ${o.step.no} 步「${o.step.title}」已逾期`,
          body: `应在 ${o.due} 前完成（第 ${o.step.within![0]} 步完成于 ${o.since}）。`,
          link: `/development/${c.id}`,
          organization: c.org,
          conditionKey: `development:${c.id}:${o.step.no}`,
        })
  }
  return { cases: cases.length, overdue, notified: await notify(payload, notes, day) }
}
