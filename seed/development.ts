import type { Payload } from 'payload'

import { poolOf } from '../src/db/pool'
import { noticeEnds } from '../src/development/calendar'
import { dayToDate, noticeTitle } from '../src/development/service'
import { CURRENT_VERSION, rulesFor } from '../src/development/steps'
import type { PoliticalStage } from '../src/people/stages'
import { shanghaiDay } from '../src/dates'

const DAY = 86_400_000
const dayOf = (t: number) => shanghaiDay(new Date(t))

/**
 * 发展档案 for the demo (issue 17 §7): a case for each applicant, activist, development target and
 * probationary member of 本科生第一党支部 and 马克思主义学院本科生党支部, whose stage-changing steps
 * carry the dates of their seeded stage history; besides, one development target held up by a 公示
 * objection, one probationary member whose probation was extended, and a cancelled case. Written
 * directly (as a data migration would), once.
 */
export const seedDevelopment = async (payload: Payload, now: Date): Promise<number> => {
  if ((await payload.count({ collection: 'development-cases', overrideAccess: true })).totalDocs > 0) return 0
  const rules = rulesFor(CURRENT_VERSION)!
  const pool = poolOf(payload)
  const { rows: people } = await pool.query<{
    id: number
    name: string
    stage: PoliticalStage
    org: number
    code: string
    secretary: number | null
    history: Array<{ stage: string; date: string }>
  }>(
    `SELECT u.id, u.name, u.political_stage::text AS stage, u.organization_id AS org, o.code, o.secretary_id AS secretary,
            coalesce((SELECT json_agg(json_build_object('stage', h.stage::text, 'date', h.date) ORDER BY h._order) FROM users_stage_history h WHERE h._parent_id = u.id), '[]') AS history
       FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE o.code IN ('B-INFO-UG1', 'B-MARX-UG') AND u.active IS NOT FALSE AND u.political_stage::text IN ('applicant', 'activist', 'developmentTarget', 'probationary', 'masses')
      ORDER BY o.code DESC, u.id`,
  )
  const today = now.getTime()
  let created = 0
  let extendedOne = false
  let cancelledOne = false
  for (const p of people) {
    const anchor = (stage: string) => {
      const h = p.history.find((x) => x.stage === stage)
      return h ? Date.parse(h.date) : undefined
    }
    // The steps done: up to the stage, and the usual preparations after it.
    let upTo = { applicant: 2, activist: 6, developmentTarget: 10, probationary: 21 }[p.stage as 'applicant'] ?? 0
    let outcome: 'objection' | 'extended' | 'cancelled' | null = null
    if (p.stage === 'masses') {
      if (cancelledOne || p.code !== 'B-INFO-UG1') continue
      cancelledOne = true
      upTo = 22
      outcome = 'cancelled'
    }
    if (p.stage === 'developmentTarget' && p.code === 'B-INFO-UG1') {
      upTo = 14
      outcome = 'objection'
    }
    if (p.stage === 'probationary' && !extendedOne && p.code === 'B-INFO-UG1') {
      extendedOne = true
      upTo = 22
      outcome = 'extended'
    }
    if (p.stage === 'applicant' && p.code === 'B-MARX-UG' && created % 2 === 0) upTo = 1
    // Stage-changing steps on the history's dates (or a plausible past for a cancelled case); the rest spread between them.
    const back = (years: number) => today - years * 365 * DAY
    // A case decided at 转正 (extended or cancelled) began long enough ago for a year's probation to have run.
    const decided = outcome === 'extended' || outcome === 'cancelled'
    const anchors: Record<number, number> = {
      1: (!decided && anchor('applicant')) || back(3.8),
      3: (!decided && anchor('activist')) || back(3.4),
      7: (!decided && anchor('developmentTarget')) || back(2.3),
      17: (!decided && anchor('probationary')) || back(1.3),
    }
    const dates: Record<number, number> = {}
    const fixed = Object.keys(anchors).map(Number)
    for (let no = 1; no <= upTo; no++) {
      if (anchors[no] && no <= upTo) {
        dates[no] = anchors[no]
        continue
      }
      const prev = Math.max(...fixed.filter((f) => f < no))
      const nextAnchor = fixed.filter((f) => f > no && f <= upTo).sort((a, b) => a - b)[0]
      const from = dates[prev] ?? anchors[prev]
      const to = nextAnchor
        ? anchors[nextAnchor]
        : Math.max(from + (upTo - prev) * DAY, Math.min(today - 40 * DAY, from + (upTo - prev + 1) * 20 * DAY))
      const span = (nextAnchor ?? upTo + 1) - prev
      dates[no] = from + ((no - prev) / span) * (to - from)
    }
    const stageOf = p.stage === 'masses' ? 'masses' : p.stage
    const c = await payload.create({
      collection: 'development-cases',
      data: {
        person: p.id,
        organization: p.org,
        ruleVersion: CURRENT_VERSION,
        stage: outcome === 'cancelled' ? 'masses' : stageOf,
        stageSince: new Date(dates[[17, 7, 3, 1].find((n) => dates[n]) ?? 1]).toISOString(),
        status: outcome === 'cancelled' ? 'cancelled' : 'active',
        nextStep: outcome === 'cancelled' ? null : upTo + 1,
        extended: outcome === 'extended',
        extensionMonths: outcome === 'extended' ? 6 : undefined,
        openedOn: new Date(dates[1]).toISOString(),
      },
      overrideAccess: true,
      depth: 0,
    })
    const notice = async (beforeStep: number, posted: number, objection?: string) => {
      const postedOn = dayOf(posted)
      await payload.create({
        collection: 'development-notices',
        data: {
          title: noticeTitle(rules.steps.find((s) => s.no === beforeStep)!.title),
          case: c.id,
          person: p.id,
          organization: p.org,
          beforeStep,
          postedOn: dayToDate(postedOn),
          endsOn: dayToDate(noticeEnds(postedOn, rules.publicNotice.workingDays)),
          objections: objection ? [{ text: objection, receivedOn: dayToDate(dayOf(posted + DAY)), handled: false }] : [],
          openObjections: objection ? 1 : 0,
        },
        overrideAccess: true,
        depth: 0,
      })
    }
    for (let no = 1; no <= upTo; no++) {
      const step = rules.steps.find((s) => s.no === no)!
      if (rules.publicNotice.beforeSteps.includes(no)) await notice(no, dates[no] - 12 * DAY)
      await payload.create({
        collection: 'development-steps',
        data: {
          case: c.id,
          person: p.id,
          organization: p.org,
          no,
          title: step.title,
          date: dayToDate(dayOf(dates[no])),
          doneBy: (step.actor === 'person' ? p.id : p.secretary) ?? undefined,
          notes: no === 15 ? '支部党员大会表决通过' : undefined,
        },
        overrideAccess: true,
        depth: 0,
      })
    }
    if (outcome === 'objection') await notice(15, today - 10 * DAY, '反映该同志在学生干部选举中有拉票行为，请党组织核实。')
    if (outcome === 'extended' || outcome === 'cancelled') {
      // The branch meeting's decision on 转正, as a closed vote with its counts (no ballots: the seed did not hold the vote).
      const voters = (
        await pool.query<{ id: number }>(
          `SELECT id FROM users WHERE organization_id = $1 AND political_stage::text = 'full' AND active IS NOT FALSE AND id <> $2`,
          [p.org, p.id],
        )
      ).rows.map((r) => r.id)
      const expected = voters.length
      const inFavour = Math.floor(expected / 2) + 1
      await payload.create({
        collection: 'development-votes',
        data: {
          title: outcome === 'extended' ? '延长预备期（延长 6 个月）' : '取消预备党员资格',
          case: c.id,
          person: p.id,
          organization: p.org,
          step: 23,
          motion: outcome === 'extended' ? 'extend' : 'cancel',
          extensionMonths: outcome === 'extended' ? 6 : undefined,
          status: 'closed',
          openedAt: new Date(dates[22] + 20 * DAY).toISOString(),
          closedAt: new Date(dates[22] + 20 * DAY + 3600_000).toISOString(),
          voters,
          expected,
          present: expected,
          inFavour,
          against: expected - inFavour,
          abstain: 0,
          written: 0,
          passed: true,
          reason: `赞成 ${inFavour} 票，超过应到会有表决权的正式党员 ${expected} 人的半数，通过`,
        },
        overrideAccess: true,
        depth: 0,
      })
    }
    created++
  }
  return created
}
