/**
 * 组织生活 (issue 16): 三会一课, 主题党日, 组织生活会 and 谈心谈话 — the pure rules (no I/O), unit-tested
 * in milliseconds: the plan's review steps, how often each type is due and which periods fall short,
 * what attendance credits on the 学时台账, and 应到/实到. src/meetings/hooks.ts applies them to
 * Payload's saves; src/meetings/signIn.ts holds the sign-in code.
 */
import type { Refusal } from '../hooks/recordRules'

export const MEETING_TYPES = [
  'generalMeeting',
  'committeeMeeting',
  'groupMeeting',
  'partyLecture',
  'themeDay',
  'lifeMeeting',
  'heartTalk',
] as const
export type MeetingType = (typeof MEETING_TYPES)[number]
export const MEETING_TYPE_LABELS: Record<MeetingType, { zh: string; en: string }> = {
  generalMeeting: { zh: '支部党员大会', en: 'General meeting' },
  committeeMeeting: { zh: '支部委员会', en: 'Committee meeting' },
  groupMeeting: { zh: '党小组会', en: 'Group meeting' },
  partyLecture: { zh: '党课', en: 'Party lecture' },
  themeDay: { zh: '主题党日', en: 'Theme day' },
  lifeMeeting: { zh: '组织生活会', en: 'Organisation life meeting' },
  heartTalk: { zh: '谈心谈话', en: 'Heart-to-heart talk' },
}

export const MEETING_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'recorded', 'cancelled'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]
export const MEETING_STATUS_LABELS: Record<MeetingStatus, { zh: string; en: string }> = {
  draft: { zh: '计划草稿', en: 'Draft plan' },
  submitted: { zh: '待院级党委审核', en: 'Awaiting review' },
  approved: { zh: '计划已批准', en: 'Approved' },
  returned: { zh: '计划已退回', en: 'Returned' },
  recorded: { zh: '已召开（纪要已确认）', en: 'Held and recorded' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}

export type { Refusal }
export type MeetingActor = 'branch' | 'reviewer'

/** The fields of the plan: fixed once the college approves it (a changed meeting is cancelled and planned again). */
export const PLAN_FIELDS = ['types', 'topic', 'startsAt', 'endsAt', 'place', 'chair', 'recorder', 'speaker', 'year', 'agenda'] as const

/**
 * Whether `actor` may move a meeting's plan from `from` to `to`. The branch drafts, submits, withdraws
 * a submitted plan, corrects a returned one and cancels an approved one; the college committee
 * approves or returns (with a reason) what is submitted. `recorded` is reached only by confirming
 * the minutes (src/meetings/hooks.ts), never by saving the meeting.
 */
export const planTransition = (
  actor: MeetingActor,
  from: MeetingStatus,
  to: MeetingStatus,
  returnReason?: string | null,
): Refusal | null => {
  if (from === to) return null
  if (from === 'recorded' || from === 'cancelled')
    return { status: 400, field: 'status', message: from === 'recorded' ? '会议纪要已确认，记录已锁定' : '会议已取消' }
  if (to === 'recorded') return { status: 400, field: 'status', message: '会议在书记确认纪要后自动归档，不能直接设置' }
  if (actor === 'branch') {
    if (to === 'approved' || to === 'returned')
      return { status: 403, field: 'status', message: '组织生活计划由院级党委审核，支部不能自行批准或退回' }
    if (to === 'submitted' && (from === 'draft' || from === 'returned')) return null
    if (to === 'draft' && (from === 'submitted' || from === 'returned')) return null
    if (to === 'cancelled' && from !== 'submitted') return null
    return {
      status: 400,
      field: 'status',
      message: `计划当前为「${MEETING_STATUS_LABELS[from].zh}」，不能改为「${MEETING_STATUS_LABELS[to].zh}」`,
    }
  }
  if (from !== 'submitted') return { status: 400, field: 'status', message: '只能审核已报审的组织生活计划' }
  if (to === 'approved') return null
  if (to === 'returned')
    return returnReason && returnReason.trim()
      ? null
      : { status: 400, field: 'returnReason', message: '退回时请填写理由，支部据此修改后重新报审' }
  return { status: 400, field: 'status', message: '院级党委只能批准或退回组织生活计划' }
}

/** The plan's own values: at least one type, a topic, a start before the end on the same or next day, the year. */
export const checkPlan = (
  m: { types?: unknown; topic?: unknown; startsAt?: unknown; endsAt?: unknown; year?: unknown; speaker?: unknown },
  yearOfDate: (d: Date) => number,
  hasCommittee: boolean,
): Refusal | null => {
  const types = Array.isArray(m.types) ? (m.types as string[]) : []
  if (!types.length)
    return { status: 400, field: 'types', message: '请至少选择一种会议类型（一次会议可同时计为多种，如党员大会兼主题党日）' }
  if (types.some((t) => !MEETING_TYPES.includes(t as MeetingType))) return { status: 400, field: 'types', message: '会议类型有误' }
  if (types.includes('committeeMeeting') && !hasCommittee)
    return { status: 400, field: 'types', message: '本支部未设支部委员会，不召开支委会' }
  if (typeof m.topic !== 'string' || !m.topic.trim()) return { status: 400, field: 'topic', message: '请填写会议主题' }
  const start = m.startsAt ? new Date(String(m.startsAt)) : null
  const end = m.endsAt ? new Date(String(m.endsAt)) : null
  if (!start || Number.isNaN(start.getTime())) return { status: 400, field: 'startsAt', message: '请填写开始时间' }
  if (!end || Number.isNaN(end.getTime())) return { status: 400, field: 'endsAt', message: '请填写结束时间' }
  if (end.getTime() <= start.getTime()) return { status: 400, field: 'endsAt', message: '结束时间须晚于开始时间' }
  if (end.getTime() - start.getTime() > 12 * 3600_000)
    return { status: 400, field: 'endsAt', message: '一次会议不超过 12 小时；多日活动请分次登记' }
  const year = Number(m.year)
  const dateYear = yearOfDate(start)
  // 所属年度: the meeting's year or the one before (a 2026 组织生活会 held in January 2027 counts for 2026).
  if (year !== dateYear && year !== dateYear - 1)
    return { status: 400, field: 'year', message: `所属年度只能是会议所在年度（${dateYear}）或上一年度（${dateYear - 1}）` }
  if (types.includes('partyLecture') && !m.speaker) return { status: 400, field: 'speaker', message: '党课请填写授课人' }
  return null
}

/** How often each type is due (平台设置 → 组织生活). A count of 0 turns the check off. */
export type Frequencies = {
  generalMeetingPerQuarter: number
  committeeMeetingPerMonth: number
  groupMeetingPerMonth: number
  partyLecturePerQuarter: number
  themeDayPerMonth: number
  lifeMeetingPerYear: number
}
export const DEFAULT_FREQUENCIES: Frequencies = {
  generalMeetingPerQuarter: 1,
  committeeMeetingPerMonth: 1,
  groupMeetingPerMonth: 0,
  partyLecturePerQuarter: 1,
  themeDayPerMonth: 1,
  lifeMeetingPerYear: 1,
}

export type PeriodKind = 'month' | 'quarter' | 'year'
export type Period = { kind: PeriodKind; year: number; /** month 1–12, quarter 1–4; 1 for a year */ index: number }

/** Which type is due per which period, from the settings. */
export const dueRules = (f: Frequencies): { type: MeetingType; period: PeriodKind; required: number }[] => [
  { type: 'generalMeeting', period: 'quarter', required: f.generalMeetingPerQuarter },
  { type: 'committeeMeeting', period: 'month', required: f.committeeMeetingPerMonth },
  { type: 'groupMeeting', period: 'month', required: f.groupMeetingPerMonth },
  { type: 'partyLecture', period: 'quarter', required: f.partyLecturePerQuarter },
  { type: 'themeDay', period: 'month', required: f.themeDayPerMonth },
  { type: 'lifeMeeting', period: 'year', required: f.lifeMeetingPerYear },
]

const SHANGHAI = 8 * 3600_000
/** The Asia/Shanghai calendar month (year, 1–12) of an instant: China keeps UTC+8 all year. */
export const shanghaiMonth = (d: Date) => {
  const s = new Date(d.getTime() + SHANGHAI)
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1 }
}

export const periodLabel = (p: Period) =>
  p.kind === 'month' ? `${p.year}年${p.index}月` : p.kind === 'quarter' ? `${p.year}年第${'一二三四'[p.index - 1]}季度` : `${p.year}年度`

export const periodKey = (p: Period) =>
  p.kind === 'month' ? `${p.year}-${String(p.index).padStart(2, '0')}` : p.kind === 'quarter' ? `${p.year}-Q${p.index}` : `${p.year}`

/** The first instant of a period (Asia/Shanghai). */
export const periodStart = (p: Period) => {
  const month = p.kind === 'month' ? p.index : p.kind === 'quarter' ? (p.index - 1) * 3 + 1 : 1
  return new Date(Date.UTC(p.year, month - 1, 1) - SHANGHAI)
}

/** Whether a meeting belongs to a period: by its date (Asia/Shanghai) for months and quarters, by its 所属年度 for years. */
export const inPeriod = (m: { startsAt: Date; year: number }, p: Period) => {
  if (p.kind === 'year') return m.year === p.year
  const { year, month } = shanghaiMonth(m.startsAt)
  if (year !== p.year) return false
  return p.kind === 'month' ? month === p.index : Math.ceil(month / 3) === p.index
}

/**
 * The periods that have just closed at `now` and are checked: the month before; the quarter before
 * in a quarter's first month; the year before from February (a year's 组织生活会 is often held in
 * the following January, and counts for its 所属年度).
 */
export const closedPeriods = (now: Date): Period[] => {
  const { year, month } = shanghaiMonth(now)
  const prevMonth: Period = month === 1 ? { kind: 'month', year: year - 1, index: 12 } : { kind: 'month', year, index: month - 1 }
  const out: Period[] = [prevMonth]
  if ((month - 1) % 3 === 0)
    out.push(month === 1 ? { kind: 'quarter', year: year - 1, index: 4 } : { kind: 'quarter', year, index: (month - 1) / 3 })
  if (month === 2) out.push({ kind: 'year', year: year - 1, index: 1 })
  return out
}

export type CountedMeeting = { types: MeetingType[]; startsAt: Date; year: number }
export type Gap = { type: MeetingType; period: Period; required: number; held: number }

/**
 * The types a branch held fewer times than due in a period. Each type tag counts on its own: one
 * 党员大会 that is also the month's 主题党日 and a 党课 counts once for each. A branch without a
 * committee owes no 支委会.
 */
export const gapsIn = (meetings: CountedMeeting[], period: Period, f: Frequencies, branch: { hasCommittee: boolean }): Gap[] => {
  const gaps: Gap[] = []
  for (const rule of dueRules(f)) {
    if (rule.period !== period.kind || rule.required <= 0) continue
    if (rule.type === 'committeeMeeting' && !branch.hasCommittee) continue
    const held = meetings.filter((m) => m.types.includes(rule.type) && inPeriod(m, period)).length
    if (held < rule.required) gaps.push({ type: rule.type, period, required: rule.required, held })
  }
  return gaps
}

/**
 * Each due type's count so far in a 所属年度 against what is due by `now`: whole months and quarters
 * elapsed (all of a past year; a year's 组织生活会 once the year is over). For the annual record and
 * the cockpit.
 */
export const dueSoFar = (
  f: Frequencies,
  branch: { hasCommittee: boolean },
  year: number,
  now: Date,
  held: Partial<Record<MeetingType, number>>,
) => {
  const { year: thisYear, month } = shanghaiMonth(now)
  const months = year < thisYear ? 12 : year > thisYear ? 0 : month - 1
  return dueRules(f)
    .filter((d) => d.required > 0 && !(d.type === 'committeeMeeting' && !branch.hasCommittee))
    .map((d) => ({
      type: d.type,
      label: MEETING_TYPE_LABELS[d.type].zh,
      rule: `${d.required} 次/${{ month: '月', quarter: '季度', year: '年' }[d.period]}`,
      required: d.required * (d.period === 'month' ? months : d.period === 'quarter' ? Math.floor(months / 3) : year < thisYear ? 1 : 0),
      held: Number(held[d.type] ?? 0),
    }))
}

/** Counts per type in a set of meetings (one meeting with three tags counts three times, once each). */
export const countByType = (meetings: { types: MeetingType[] }[]) => {
  const out = Object.fromEntries(MEETING_TYPES.map((t) => [t, 0])) as Record<MeetingType, number>
  for (const m of meetings) for (const t of new Set(m.types)) out[t] += 1
  return out
}

/** How attendance turns into 学时 (平台设置 → 组织生活). */
export type CreditRule = {
  /** studyMinutes: the meeting's length at the same minutes per 学时 as online study; hourly: 1 hour = 1 学时, half a day = 4, a day = 8. */
  mode: 'studyMinutes' | 'hourly'
  /** studyTypes: only 党课 and 主题党日 (the study sessions); all: every type. */
  types: 'studyTypes' | 'all'
  minutesPerCreditHour: number
}
export const STUDY_MEETING_TYPES: MeetingType[] = ['partyLecture', 'themeDay']

/** The 学时 one attendee's presence credits, to one decimal (0 when the meeting's types are not credited). */
export const creditFor = (minutes: number, types: MeetingType[], rule: CreditRule): number => {
  if (rule.types === 'studyTypes' && !types.some((t) => STUDY_MEETING_TYPES.includes(t))) return 0
  if (!(minutes > 0)) return 0
  if (rule.mode === 'studyMinutes') return Math.floor((minutes / rule.minutesPerCreditHour) * 10) / 10
  if (minutes >= 360) return 8
  const halfHours = Math.floor(minutes / 30) / 2
  return minutes >= 180 ? Math.max(4, halfHours) : halfHours
}

export const ATTENDANCE_STATUSES = ['present', 'leaveRequested', 'leave', 'leaveRefused', 'excused', 'absent'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, { zh: string; en: string }> = {
  present: { zh: '已到', en: 'Present' },
  leaveRequested: { zh: '请假待批', en: 'Leave requested' },
  leave: { zh: '请假（已批准）', en: 'On leave' },
  leaveRefused: { zh: '请假未批准', en: 'Leave refused' },
  excused: { zh: '不计应到（经批准）', en: 'Excused from the count' },
  absent: { zh: '缺席', en: 'Absent' },
}

/** The categories the rules allow to leave a member out of 应到, each with its approval. */
export const EXCUSE_KINDS = ['abroad', 'ill', 'sentence', 'away', 'incapable'] as const
export type ExcuseKind = (typeof EXCUSE_KINDS)[number]
export const EXCUSE_KIND_LABELS: Record<ExcuseKind, { zh: string; en: string }> = {
  abroad: { zh: '因私出国（境）半年以上', en: 'Abroad 6+ months' },
  ill: { zh: '患重病、卧床', en: 'Seriously ill' },
  sentence: { zh: '服刑', en: 'Serving a sentence' },
  away: { zh: '外出半年以上且组织关系未转出', en: 'Away 6+ months' },
  incapable: { zh: '丧失行为能力、不能表达意愿', en: 'Unable to express their will' },
}

/**
 * 应到, 实到, 请假 and 缺席 of a meeting: 应到 is the branch's members less those excused with approval;
 * 实到 those present among them; 请假 those whose leave was approved; the rest are absent.
 */
export const tally = (memberIds: number[], rows: { member: number; status: AttendanceStatus }[]) => {
  const byMember = new Map(rows.map((r) => [r.member, r.status]))
  const expected = memberIds.filter((id) => byMember.get(id) !== 'excused')
  const present = expected.filter((id) => byMember.get(id) === 'present')
  const leave = expected.filter((id) => byMember.get(id) === 'leave')
  const absent = expected.filter((id) => !present.includes(id) && !leave.includes(id))
  return {
    expected: expected.length,
    present: present.length,
    leave: leave.length,
    absent,
    rate: expected.length ? present.length / expected.length : 0,
  }
}

/** Members who missed `run` meetings in a row (in date order; leave counts as missing, excused does not count). */
export const missedInARow = (meetings: { attended: Set<number>; excused: Set<number>; expected: number[] }[], run = 3) => {
  const streak = new Map<number, number>()
  const flagged = new Set<number>()
  for (const m of meetings) {
    for (const id of m.expected) {
      if (m.excused.has(id)) continue
      const n = m.attended.has(id) ? 0 : (streak.get(id) ?? 0) + 1
      streak.set(id, n)
      if (n >= run) flagged.add(id)
    }
  }
  return [...flagged]
}

/**
 * 谈心谈话 over a year (条例 第十九条: 支部委员之间、支部委员和党员之间每年至少一次): which pairs of
 * committee members have not talked, and which members no committee member has talked with. A
 * branch without a committee passes its secretary as the committee. Each talk is the set of people
 * in it (a recorded talk, or those present at a meeting tagged 谈心谈话).
 */
export const heartTalkCoverage = (committee: number[], members: number[], talks: Iterable<number>[]) => {
  const sets = [...talks].map((t) => new Set(t))
  const talked = (a: number, b: number) => sets.some((t) => t.has(a) && t.has(b))
  const board = [...new Set(committee)]
  const missingPairs: Array<[number, number]> = []
  for (let i = 0; i < board.length; i++)
    for (let j = i + 1; j < board.length; j++) if (!talked(board[i], board[j])) missingPairs.push([board[i], board[j]])
  const others = members.filter((m) => !board.includes(m))
  const unreached = others.filter((m) => !board.some((c) => talked(c, m)))
  return { pairs: (board.length * (board.length - 1)) / 2, missingPairs, members: others.length, unreached }
}

/**
 * A plan's period (issue 16 §1: a branch files its plan for a month or a term): `2026-12` is
 * December 2026; `2026-autumn` the autumn term (1 September 2026 to the end of January 2027) and
 * `2027-spring` the spring term (February to August 2027), in Asia/Shanghai. Null when malformed.
 */
export const planPeriod = (period: unknown): { from: Date; to: Date; label: string } | null => {
  const s = typeof period === 'string' ? period.trim() : ''
  const at = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1) - SHANGHAI)
  const month = /^(\d{4})-(\d{2})$/.exec(s)
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])]
    if (m < 1 || m > 12) return null
    return { from: at(y, m), to: m === 12 ? at(y + 1, 1) : at(y, m + 1), label: `${y}年${m}月` }
  }
  const term = /^(\d{4})-(autumn|spring)$/.exec(s)
  if (!term) return null
  const y = Number(term[1])
  return term[2] === 'autumn'
    ? { from: at(y, 9), to: at(y + 1, 2), label: `${y}—${y + 1}学年秋季学期` }
    : { from: at(y, 2), to: at(y, 9), label: `${y - 1}—${y}学年春季学期` }
}
