import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { ancestors } from '../organizations/tree'
import { notify } from '../warnings/checks'
import { caseState } from './case'
import { localRules } from './localRules'
import { activeCasesToCheck, activeCommitteeStaff, stepDates } from './queries'
import { rulesFor } from './steps'
import { shanghaiDay } from '../dates'

/**
 * 发展党员 overdue steps (issue 17 §2): a step past its "within" rule (the talk within a month of the
 * application, the committee's approval within three months of the branch meeting) warns the branch
 * secretary and the committee staff above, once a day per case and step (notify's unique key). Run
 * nightly by the jobs queue; returns how many notifications were new.
 */
export const developmentCheck = async (payload: Payload, now = new Date()) => {
  const pool = poolOf(payload)
  const day = shanghaiDay(now)
  const cases = await activeCasesToCheck(pool)
  if (!cases.length) return { cases: 0, overdue: 0, notified: 0 }
  const steps = await stepDates(
    pool,
    cases.map((c) => c.id),
  )
  const staff = await activeCommitteeStaff(pool)
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
