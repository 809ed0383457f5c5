import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { notify } from '../warnings/checks'
import { lifeSettings } from './access'
import { allBranches, committeeStaffByOrganization, countedMeetingRows } from './queries'
import { closedPeriods, gapsIn, MEETING_TYPE_LABELS, periodKey, periodLabel, periodStart, type CountedMeeting, type Period } from './rules'
import { shanghaiDay } from '../dates'

/**
 * The branch's meetings that count toward its frequencies: approved plans whose date has come (the
 * minutes may be confirmed days later) and recorded meetings; cancelled, returned and unreviewed
 * plans do not count.
 */
export const countedMeetings = async (payload: Payload, branches: number[], from: Date, to: Date, years: number[]) => {
  const rows = await countedMeetingRows(poolOf(payload), branches, from, to, years)
  const out = new Map<number, CountedMeeting[]>()
  for (const r of rows) {
    const list = out.get(r.organization_id) ?? []
    list.push({ types: r.types, startsAt: new Date(r.starts_at), year: r.year })
    out.set(r.organization_id, list)
  }
  return out
}

/**
 * 组织生活频次预警: for each branch and each period that has just closed (src/meetings/rules.ts
 * closedPeriods), the types held fewer times than 平台设置 requires. The branch's secretary and the
 * committee staff of the organisation above hear of each once per condition and period: the
 * notification's day is the period's first day, so a nightly run repeats nothing.
 */
export const meetingGapCheck = async (payload: Payload, now = new Date(), staff?: Map<number, number[]>) => {
  const { frequencies } = await lifeSettings(payload)
  const periods = closedPeriods(now)
  const pool = poolOf(payload)
  const branches = await allBranches(pool)
  if (!branches.length) return { gaps: 0, created: 0 }
  const staffOf = staff ?? new Map<number, number[]>((await committeeStaffByOrganization(pool)).map((r) => [r.org, r.ids]))
  const earliest = new Date(Math.min(...periods.map((p) => periodStart(p).getTime())))
  const years = periods.filter((p) => p.kind === 'year').map((p) => p.year)
  const meetings = await countedMeetings(
    payload,
    branches.map((b) => b.id),
    earliest,
    now,
    years,
  )
  let gaps = 0
  let created = 0
  for (const p of periods) {
    const notes: Parameters<typeof notify>[1] = []
    for (const b of branches) {
      for (const g of gapsIn(meetings.get(b.id) ?? [], p as Period, frequencies, { hasCommittee: b.has_committee === true })) {
        gaps++
        const title = `${b.name}${periodLabel(p)}${MEETING_TYPE_LABELS[g.type].zh}应开 ${g.required} 次，实开 ${g.held} 次`
        const recipients = [
          ...new Set([b.secretary_id, ...(b.parent_id ? (staffOf.get(b.parent_id) ?? []) : [])].filter((r): r is number => !!r)),
        ]
        for (const recipient of recipients)
          notes.push({
            recipient,
            kind: 'meetingGap',
            title,
            body: '请按《中国共产党支部工作条例（试行）》落实三会一课制度，及时填报组织生活计划。',
            link: '/admin/collections/meetings',
            organization: b.id,
            conditionKey: `meetingGap:${b.id}:${g.type}:${periodKey(p)}`,
          })
      }
    }
    created += await notify(payload, notes, shanghaiDay(periodStart(p)))
  }
  return { gaps, created }
}
