import type { Payload } from 'payload'

import { idOf } from '../access/roles'
import { workbook } from '../cockpit/excel'
import { poolOf } from '../db/pool'
import { lifeSettings, reviewsBranch } from './access'
import { ASPECT_LABELS, ASPECTS, RATING_LABELS, type Rating } from './inspection'
import {
  branchHead,
  cadreLectures,
  confirmedMinutes,
  filedInspections,
  lifeOverviewRows,
  namedMarks,
  partyMembers,
  recordedMeetings,
} from './queries'
import { talkCoverage } from './talks'
import {
  ATTENDANCE_STATUS_LABELS,
  countByType,
  dueSoFar,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  missedInARow,
  type AttendanceStatus,
  type MeetingType,
} from './rules'
import type { ViewerUser } from '../viewer'

/** The viewer's fields are all these read of a person (src/viewer). */
type User = ViewerUser

export type RecordedMeeting = {
  id: number
  topic: string
  types: MeetingType[]
  startsAt: string
  endsAt: string
  place: string | null
  agenda: string | null
  guests: string | null
  chair: string | null
  recorder: string | null
  speaker: string | null
  expected: number
  present: number
  leave: number
  creditHours: number
  attendance: Array<{ member: number; name: string; status: AttendanceStatus; reason: string | null }>
  absent: string[]
  minutes: Array<{
    version: number
    summary: string
    correctionReason: string | null
    confirmedAt: string | null
    resolutions: Array<{ text: string; votesFor: number | null; votesAgainst: number | null; abstentions: number | null }>
  }>
}

/**
 * 组织生活记录 of a branch for one 所属年度 (issue 16 §3, §6): the recorded meetings (minutes
 * confirmed) in date order with their attendance and every version of their minutes, and the year's
 * analysis — each type's count against what 平台设置 requires by `now` (whole months and quarters
 * elapsed), the attendance rate, the members who missed three in a row, and who gave the 党课.
 * The caller checks that the person may read the branch's meetings (canReadRecord); names are read
 * here because the college committee may not read a branch's people, yet reviews its record.
 * 应到 of past meetings is what was stored when each was recorded; the run of three misses is taken
 * over today's members (membership history is not kept).
 */
export const branchRecord = async (payload: Payload, branch: number, year: number, now = new Date()) => {
  const pool = poolOf(payload)
  const org = await branchHead(pool, branch)
  const rows = await recordedMeetings(pool, branch, year)
  const ids = rows.map((r) => r.id)
  const marks = await namedMarks(pool, ids)
  const versions = await confirmedMinutes(pool, ids)
  const people = await partyMembers(pool, branch)
  const meetings: RecordedMeeting[] = rows.map((r) => {
    const attendance = marks
      .filter((a) => a.meeting_id === r.id)
      .map((a) => ({ member: a.member_id, name: String(a.name), status: a.status, reason: a.reason }))
    const marked = new Set(
      attendance.filter((a) => a.status === 'present' || a.status === 'leave' || a.status === 'excused').map((a) => a.member),
    )
    return {
      id: r.id,
      topic: r.topic,
      types: r.types,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      place: r.place,
      agenda: r.agenda,
      guests: r.guests,
      chair: r.chair,
      recorder: r.recorder,
      speaker: r.speaker,
      expected: r.expected_count,
      present: r.present_count,
      leave: r.leave_count,
      creditHours: r.credit_hours,
      attendance,
      absent: people.filter((p) => !marked.has(p.id)).map((p) => p.name),
      minutes: versions
        .filter((v) => v.meeting_id === r.id)
        .map((v) => ({
          version: v.version,
          summary: v.summary,
          correctionReason: v.correction_reason,
          confirmedAt: v.confirmed_at ? new Date(v.confirmed_at).toISOString() : null,
          resolutions: v.resolutions,
        })),
    }
  })

  const { frequencies } = await lifeSettings(payload)
  const held = countByType(meetings)
  const byType = dueSoFar(frequencies, { hasCommittee: org?.has_committee === true }, year, now, held)
  const others = MEETING_TYPES.filter((t) => !byType.some((d) => d.type === t) && held[t] > 0).map((t) => ({
    type: t,
    label: MEETING_TYPE_LABELS[t].zh,
    rule: '—',
    required: 0,
    held: held[t],
  }))
  const expected = meetings.reduce((s, m) => s + m.expected, 0)
  const present = meetings.reduce((s, m) => s + m.present, 0)
  const streaks = missedInARow(
    meetings.map((m) => ({
      attended: new Set(m.attendance.filter((a) => a.status === 'present').map((a) => a.member)),
      excused: new Set(m.attendance.filter((a) => a.status === 'excused').map((a) => a.member)),
      expected: people.map((p) => p.id),
    })),
  )
  // 督查 results of the year's meetings (filed assessments), per aspect.
  const inspections = await filedInspections(pool, branch, year)
  const inspectionSummary = ASPECTS.map((a) => {
    const column = ({ onTime: 'on_time', attendance: 'attendance', content: 'content', procedure: 'procedure' } as const)[a]
    const count = (r: Rating) => inspections.filter((x) => x[column] === r).length
    return { aspect: ASPECT_LABELS[a], good: count('good'), fair: count('fair'), poor: count('poor') }
  })
  // 双重组织生活: the branch's leading cadres and the 党课 each gave this year (in any branch, recorded).
  const cadres = await cadreLectures(pool, branch, year)
  const talks = (await talkCoverage(payload, [branch], year)).get(branch)!
  const lectures = meetings
    .filter((m) => m.types.includes('partyLecture'))
    .map((m) => ({ date: m.startsAt, topic: m.topic, speaker: m.speaker ?? '（未填）' }))
  return {
    branch: { id: branch, name: org?.name ?? '' },
    year,
    meetings,
    analysis: {
      byType: [...byType, ...others],
      attendanceRate: expected ? present / expected : null,
      missedThree: people.filter((p) => streaks.includes(p.id)).map((p) => p.name),
      lectures,
      cadres,
      inspections: inspections.map((x) => ({
        meeting: x.meeting_id,
        topic: meetings.find((m) => m.id === x.meeting_id)?.topic ?? '',
        inspector: String(x.inspector ?? ''),
        ratings: ASPECTS.map(
          (a) =>
            `${ASPECT_LABELS[a]}${RATING_LABELS[x[({ onTime: 'on_time', attendance: 'attendance', content: 'content', procedure: 'procedure' } as const)[a]] as Rating]?.zh ?? ''}`,
        ).join('，'),
        comments: String(x.comments ?? ''),
      })),
      inspectionSummary,
      talks,
    },
  }
}
export type BranchRecord = Awaited<ReturnType<typeof branchRecord>>

/** Whether the person may read the branch's record: their own branch (members see recorded meetings), or a branch below their committee. */
export const canReadRecord = async (payload: Payload, user: User, branch: number) =>
  Number(idOf(user.organization)) === branch || (await reviewsBranch(payload, user, branch))

const sh = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString()
const when = (m: RecordedMeeting) => `${sh(m.startsAt).slice(0, 10)} ${sh(m.startsAt).slice(11, 16)}–${sh(m.endsAt).slice(11, 16)}`
const typesOf = (types: MeetingType[]) => types.map((t) => MEETING_TYPE_LABELS[t]?.zh ?? t).join('、')

/** The annual record as an Excel workbook: the analysis, one row per meeting, one row per member and meeting. */
export const recordWorkbook = (r: BranchRecord) =>
  workbook([
    {
      name: '频次',
      title: `${r.branch.name} ${r.year}年度组织生活情况（出勤率 ${r.analysis.attendanceRate === null ? '—' : `${Math.round(r.analysis.attendanceRate * 1000) / 10}%`}）`,
      columns: [
        { header: '类型', key: 'label', width: 16 },
        { header: '要求', key: 'rule', width: 12 },
        { header: '截至目前应开', key: 'required', width: 14 },
        { header: '已开', key: 'held', width: 8 },
      ],
      rows: [
        ...r.analysis.byType,
        ...r.analysis.cadres.map((c) => ({ label: `领导干部 ${c.name}`, rule: '讲党课', required: 1, held: c.lectures })),
        {
          label: '谈心谈话：支部委员之间',
          rule: '每年每两人一次',
          required: r.analysis.talks.pairs,
          held: r.analysis.talks.pairs - r.analysis.talks.missingPairs.length,
        },
        {
          label: '谈心谈话：支部委员与党员',
          rule: '每年每人一次',
          required: r.analysis.talks.members,
          held: r.analysis.talks.members - r.analysis.talks.unreached.length,
        },
      ],
    },
    {
      name: '谈心谈话',
      title: `${r.branch.name} ${r.year}年度谈心谈话：记录 ${r.analysis.talks.talks} 次`,
      columns: [
        { header: '尚未谈话', key: 'kind', width: 16 },
        { header: '人员', key: 'who', width: 40 },
      ],
      rows: [
        ...r.analysis.talks.missingPairs.map((who) => ({ kind: '支部委员之间', who })),
        ...r.analysis.talks.unreached.map((who) => ({ kind: '支部委员与党员', who })),
      ],
    },
    {
      name: '会议',
      columns: [
        { header: '时间', key: 'when', width: 22 },
        { header: '类型', key: 'types', width: 24 },
        { header: '主题', key: 'topic', width: 40 },
        { header: '地点', key: 'place', width: 16 },
        { header: '主持人', key: 'chair', width: 10 },
        { header: '记录人', key: 'recorder', width: 10 },
        { header: '党课授课人', key: 'speaker', width: 12 },
        { header: '应到', key: 'expected', width: 6 },
        { header: '实到', key: 'present', width: 6 },
        { header: '请假', key: 'leave', width: 6 },
        { header: '缺席人员', key: 'absent', width: 24 },
        { header: '列席', key: 'guests', width: 16 },
        { header: '纪要（现行版本）', key: 'summary', width: 60 },
      ],
      rows: r.meetings.map((m) => ({
        ...m,
        when: when(m),
        types: typesOf(m.types),
        absent: m.absent.join('、'),
        summary: m.minutes[0]?.summary ?? '',
      })),
    },
    {
      name: '督查',
      title: `${r.branch.name} ${r.year}年度督查结果（好/一般/差）：${r.analysis.inspectionSummary.map((x) => `${x.aspect} ${x.good}/${x.fair}/${x.poor}`).join('；')}`,
      columns: [
        { header: '会议', key: 'topic', width: 40 },
        { header: '督查员', key: 'inspector', width: 10 },
        { header: '评价', key: 'ratings', width: 40 },
        { header: '督查意见', key: 'comments', width: 50 },
      ],
      rows: r.analysis.inspections,
    },
    {
      name: '出勤',
      columns: [
        { header: '时间', key: 'when', width: 22 },
        { header: '主题', key: 'topic', width: 40 },
        { header: '姓名', key: 'name', width: 10 },
        { header: '情况', key: 'status', width: 16 },
        { header: '理由', key: 'reason', width: 30 },
      ],
      rows: r.meetings.flatMap((m) => [
        ...m.attendance.map((a) => ({
          when: when(m),
          topic: m.topic,
          name: a.name,
          status: ATTENDANCE_STATUS_LABELS[a.status].zh,
          reason: a.reason ?? '',
        })),
        ...m.absent.map((name) => ({ when: when(m), topic: m.topic, name, status: '缺席', reason: '' })),
      ]),
    },
  ])

/**
 * 组织生活 across a scope (the cockpit section, issue 16 §6): for each branch, this 所属年度's held
 * meetings per type against what is due so far, the attendance rate, and the 督查 filed; one query.
 * Held = approved meetings whose date has come and recorded ones (as the frequency check counts).
 */
export const lifeOverview = async (payload: Payload, orgIds: number[], year: number, now = new Date()) => {
  const rows = await lifeOverviewRows(poolOf(payload), orgIds, year, now)
  const { frequencies } = await lifeSettings(payload)
  const talks = await talkCoverage(
    payload,
    rows.map((r) => r.id),
    year,
  )
  return rows.map((r) => {
    const talk = talks.get(r.id)
    const types = dueSoFar(frequencies, { hasCommittee: r.has_committee === true }, year, now, r.held ?? {})
    return {
      id: r.id,
      name: String(r.name),
      recorded: r.recorded,
      attendanceRate: r.expected ? r.present / r.expected : null,
      inspections: r.inspections,
      cadresWithoutLecture: r.cadres_without_lecture ?? [],
      types,
      behind: types.filter((t) => t.held < t.required).map((t) => t.label),
      talkPairsMissing: talk?.missingPairs.length ?? 0,
      talkMembersUnreached: talk?.unreached.length ?? 0,
    }
  })
}
export type LifeOverview = Awaited<ReturnType<typeof lifeOverview>>

export const overviewWorkbook = (rows: LifeOverview, year: number, scopeName: string) =>
  workbook([
    {
      name: '组织生活',
      title: `${scopeName} ${year}年度各支部组织生活情况`,
      columns: [
        { header: '支部', key: 'name', width: 30 },
        { header: '已归档会议', key: 'recorded', width: 10 },
        ...MEETING_TYPES.filter((t) => t !== 'heartTalk').map((t) => ({
          header: `${MEETING_TYPE_LABELS[t].zh}（已开/应开）`,
          key: t,
          width: 18,
        })),
        { header: '出勤率', key: 'rate', width: 8 },
        { header: '督查次数', key: 'inspections', width: 8 },
        { header: '未讲党课的领导干部', key: 'cadresText', width: 20 },
        { header: '未谈心谈话（委员之间/委员与党员）', key: 'talksText', width: 16 },
        { header: '未达频次', key: 'behindText', width: 30 },
      ],
      rows: rows.map((r) => ({
        ...r,
        ...Object.fromEntries(r.types.map((t) => [t.type, `${t.held}/${t.required}`])),
        rate: r.attendanceRate === null ? '' : `${Math.round(r.attendanceRate * 1000) / 10}%`,
        behindText: r.behind.join('、'),
        cadresText: r.cadresWithoutLecture.join('、'),
        talksText: `${r.talkPairsMissing}/${r.talkMembersUnreached}`,
      })),
    },
  ])
