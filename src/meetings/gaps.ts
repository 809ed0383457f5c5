import type { Payload } from 'payload'

import { poolOf } from '../db/pool'
import { notify, shanghaiDay } from '../warnings/checks'
import { lifeSettings } from './access'
import {
  closedPeriods,
  gapsIn,
  MEETING_TYPE_LABELS,
  periodKey,
  periodLabel,
  periodStart,
  type CountedMeeting,
  type MeetingType,
  type Period,
} from './rules'

/**
 * The branch's meetings that count toward its frequencies: approved plans whose date has come (the
 * minutes may be confirmed days later) and recorded meetings; cancelled, returned and unreviewed
 * plans do not count.
 */
export const countedMeetings = async (payload: Payload, branches: number[], from: Date, to: Date, years: number[]) => {
  const { rows } = await poolOf(payload).query<{ organization_id: number; starts_at: Date; year: string; types: MeetingType[] }>(
    `SELECT m.organization_id, m.starts_at, m.year, ARRAY(SELECT value::text FROM meetings_types t WHERE t.parent_id = m.id) AS types
       FROM meetings m
      WHERE m.organization_id = ANY($1::int[]) AND m.status IN ('approved', 'recorded') AND m.starts_at < $4
        AND (m.starts_at >= $2 OR m.year = ANY($3::numeric[]))`,
    [branches, from.toISOString(), years, to.toISOString()],
  )
  const out = new Map<number, CountedMeeting[]>()
  for (const r of rows) {
    const list = out.get(r.organization_id) ?? []
    list.push({ types: r.types, startsAt: new Date(r.starts_at), year: Number(r.year) })
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
  const { rows: branches } = await pool.query<{
    id: number
    name: string
    parent_id: number | null
    secretary_id: number | null
    has_committee: boolean | null
  }>(`SELECT id, name, parent_id, secretary_id, has_committee FROM organizations WHERE type = 'branch' ORDER BY id`)
  if (!branches.length) return { gaps: 0, created: 0 }
  const staffOf =
    staff ??
    new Map<number, number[]>(
      (
        await pool.query<{ org: number; ids: number[] }>(
          `SELECT u.organization_id AS org, array_agg(u.id ORDER BY u.id) AS ids FROM users u JOIN users_roles r ON r.parent_id = u.id AND r.value = 'partyCommittee'
            WHERE u.active IS NOT FALSE AND u.organization_id IS NOT NULL GROUP BY u.organization_id`,
        )
      ).rows.map((r) => [r.org, r.ids]),
    )
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
