import { describe, expect, it } from 'vitest'

import {
  checkPlan,
  closedPeriods,
  countByType,
  creditFor,
  DEFAULT_FREQUENCIES,
  dueSoFar,
  gapsIn,
  heartTalkCoverage,
  missedInARow,
  planPeriod,
  planTransition,
  tally,
  type CountedMeeting,
  type CreditRule,
} from '../../../src/meetings/rules'
import { makeCode, readCode, signInWindow } from '../../../src/meetings/signIn'
import { yearOf } from '../../../src/study/pace'

/** An instant given as Asia/Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`)
const meeting = (types: CountedMeeting['types'], local: string, year?: number): CountedMeeting => ({
  types,
  startsAt: sh(local),
  year: year ?? Number(local.slice(0, 4)),
})

describe('organisation-life plan rules', () => {
  it('the branch drafts, submits, withdraws and cancels; only the committee approves or returns, with a reason', () => {
    expect(planTransition('branch', 'draft', 'submitted')).toBeNull()
    expect(planTransition('branch', 'submitted', 'draft')).toBeNull()
    expect(planTransition('branch', 'returned', 'submitted')).toBeNull()
    expect(planTransition('branch', 'approved', 'cancelled')).toBeNull()
    expect(planTransition('branch', 'submitted', 'approved')).toMatchObject({ status: 403 })
    expect(planTransition('branch', 'approved', 'recorded')).toMatchObject({ status: 400 })
    expect(planTransition('reviewer', 'submitted', 'approved')).toBeNull()
    expect(planTransition('reviewer', 'submitted', 'returned', ' ')).toMatchObject({ status: 400, field: 'returnReason' })
    expect(planTransition('reviewer', 'submitted', 'returned', '党课授课人未定')).toBeNull()
    expect(planTransition('reviewer', 'draft', 'approved')).toMatchObject({ status: 400 })
    expect(planTransition('branch', 'recorded', 'cancelled')).toMatchObject({ status: 400 })
  })

  it('checks a plan: types, topic, times, 所属年度, a lecturer for a 党课, no 支委会 without a committee', () => {
    const good = {
      types: ['themeDay'],
      topic: '主题党日：重温入党誓词',
      startsAt: sh('2027-01-08T14:30'),
      endsAt: sh('2027-01-08T16:00'),
      year: 2027,
    }
    expect(checkPlan(good, yearOf, true)).toBeNull()
    // A 2026 组织生活会 held in January 2027 belongs to 2026; 2025 does not.
    expect(checkPlan({ ...good, types: ['lifeMeeting'], year: 2026 }, yearOf, true)).toBeNull()
    expect(checkPlan({ ...good, year: 2025 }, yearOf, true)).toMatchObject({ field: 'year' })
    expect(checkPlan({ ...good, types: [] }, yearOf, true)).toMatchObject({ field: 'types' })
    expect(checkPlan({ ...good, endsAt: good.startsAt }, yearOf, true)).toMatchObject({ field: 'endsAt' })
    expect(checkPlan({ ...good, types: ['partyLecture'] }, yearOf, true)).toMatchObject({ field: 'speaker' })
    expect(checkPlan({ ...good, types: ['committeeMeeting'] }, yearOf, false)).toMatchObject({
      field: 'types',
      message: expect.stringContaining('未设支部委员会'),
    })
  })
})

describe('frequencies (Asia/Shanghai periods)', () => {
  it('one meeting with three tags counts once for each of them', () => {
    const m = meeting(['generalMeeting', 'themeDay', 'partyLecture'], '2026-03-12T14:30')
    expect(countByType([m])).toMatchObject({ generalMeeting: 1, themeDay: 1, partyLecture: 1, committeeMeeting: 0 })
    const q1 = gapsIn(
      [m, meeting(['committeeMeeting'], '2026-03-02T12:00')],
      { kind: 'quarter', year: 2026, index: 1 },
      DEFAULT_FREQUENCIES,
      { hasCommittee: true },
    )
    expect(q1).toEqual([])
    const march = gapsIn([m], { kind: 'month', year: 2026, index: 3 }, DEFAULT_FREQUENCIES, { hasCommittee: true })
    expect(march.map((g) => g.type)).toEqual(['committeeMeeting'])
  })

  it('a meeting at 23:30 on the last day of a month or quarter counts there, one at 00:10 the next day does not', () => {
    const late = meeting(['committeeMeeting', 'generalMeeting'], '2026-03-31T23:30')
    const early = meeting(['committeeMeeting', 'generalMeeting'], '2026-04-01T00:10')
    // In UTC the first is still 31 March and the second is 31 March too: the boundary is Shanghai's.
    expect(early.startsAt.toISOString().slice(0, 10)).toBe('2026-03-31')
    const march = { kind: 'month', year: 2026, index: 3 } as const
    const april = { kind: 'month', year: 2026, index: 4 } as const
    const f = { ...DEFAULT_FREQUENCIES, themeDayPerMonth: 0 }
    expect(gapsIn([late], march, f, { hasCommittee: true })).toEqual([])
    expect(gapsIn([early], march, f, { hasCommittee: true }).map((g) => g.type)).toEqual(['committeeMeeting'])
    expect(gapsIn([early], april, f, { hasCommittee: true })).toEqual([])
    expect(
      gapsIn([early], { kind: 'quarter', year: 2026, index: 1 }, { ...f, partyLecturePerQuarter: 0 }, { hasCommittee: true }).map(
        (g) => g.type,
      ),
    ).toEqual(['generalMeeting'])
    expect(gapsIn([late], { kind: 'quarter', year: 2026, index: 1 }, { ...f, partyLecturePerQuarter: 0 }, { hasCommittee: true })).toEqual(
      [],
    )
  })

  it('the year counts by 所属年度: a 2026 组织生活会 held on 8 January 2027 fills 2026, not 2027', () => {
    const held = meeting(['lifeMeeting'], '2027-01-08T09:00', 2026)
    expect(gapsIn([held], { kind: 'year', year: 2026, index: 1 }, DEFAULT_FREQUENCIES, { hasCommittee: true })).toEqual([])
    expect(gapsIn([held], { kind: 'year', year: 2027, index: 1 }, DEFAULT_FREQUENCIES, { hasCommittee: true }).map((g) => g.type)).toEqual([
      'lifeMeeting',
    ])
    // Late on 31 December (Shanghai) is still the old year's December.
    expect(
      gapsIn(
        [meeting(['themeDay'], '2026-12-31T23:40')],
        { kind: 'month', year: 2026, index: 12 },
        { ...DEFAULT_FREQUENCIES, committeeMeetingPerMonth: 0 },
        { hasCommittee: true },
      ),
    ).toEqual([])
  })

  it('a branch without a committee owes no 支委会; a frequency of 0 turns a check off', () => {
    const p = { kind: 'month', year: 2026, index: 5 } as const
    expect(gapsIn([], p, DEFAULT_FREQUENCIES, { hasCommittee: false }).map((g) => g.type)).toEqual(['themeDay'])
    expect(gapsIn([], p, { ...DEFAULT_FREQUENCIES, themeDayPerMonth: 0 }, { hasCommittee: false })).toEqual([])
  })

  it('checks the month, quarter and year that have just closed, by the Shanghai calendar', () => {
    // 2027-01-01 00:20 in Shanghai is still 31 December in UTC.
    expect(closedPeriods(sh('2027-01-01T00:20'))).toEqual([
      { kind: 'month', year: 2026, index: 12 },
      { kind: 'quarter', year: 2026, index: 4 },
    ])
    expect(closedPeriods(sh('2026-12-31T23:40'))).toEqual([{ kind: 'month', year: 2026, index: 11 }])
    expect(closedPeriods(sh('2027-02-01T02:10'))).toEqual([
      { kind: 'month', year: 2027, index: 1 },
      { kind: 'year', year: 2026, index: 1 },
    ])
    expect(closedPeriods(sh('2026-07-01T02:10'))).toEqual([
      { kind: 'month', year: 2026, index: 6 },
      { kind: 'quarter', year: 2026, index: 2 },
    ])
  })
})

describe('what is due so far in a year (the annual record and the cockpit)', () => {
  const due = (at: string, year = 2026, hasCommittee = true) =>
    Object.fromEntries(
      dueSoFar(DEFAULT_FREQUENCIES, { hasCommittee }, year, sh(at), { themeDay: 2 }).map((d) => [d.type, [d.held, d.required]]),
    )
  it('counts whole months and quarters elapsed, by the Shanghai calendar', () => {
    expect(due('2026-03-31T23:50')).toEqual({
      generalMeeting: [0, 0],
      committeeMeeting: [0, 2],
      partyLecture: [0, 0],
      themeDay: [2, 2],
      lifeMeeting: [0, 0],
    })
    expect(due('2026-04-01T00:10')).toEqual({
      generalMeeting: [0, 1],
      committeeMeeting: [0, 3],
      partyLecture: [0, 1],
      themeDay: [2, 3],
      lifeMeeting: [0, 0],
    })
    // A past year is due in full; a branch without a committee owes no 支委会.
    expect(due('2027-01-01T00:20', 2026, false)).toEqual({
      generalMeeting: [0, 4],
      partyLecture: [0, 4],
      themeDay: [2, 12],
      lifeMeeting: [0, 1],
    })
  })
})

describe('attendance', () => {
  it('应到 leaves out approved exclusions; leave is not presence; missing rows are absences', () => {
    const t = tally(
      [1, 2, 3, 4, 5],
      [
        { member: 1, status: 'present' },
        { member: 2, status: 'leave' },
        { member: 3, status: 'excused' },
        { member: 4, status: 'leaveRequested' },
      ],
    )
    expect(t).toMatchObject({ expected: 4, present: 1, leave: 1, absent: [4, 5] })
    expect(t.rate).toBeCloseTo(0.25)
  })

  it('finds members who missed three meetings in a row (an excused meeting neither breaks nor extends the run)', () => {
    const m = (attended: number[], excused: number[] = []) => ({
      attended: new Set(attended),
      excused: new Set(excused),
      expected: [1, 2, 3],
    })
    expect(missedInARow([m([1, 2]), m([1]), m([1], [3]), m([1, 3]), m([1])])).toEqual([2])
    // Member 2 misses two, attends, misses one: no run of three. Member 3 misses all four.
    expect(missedInARow([m([1, 2]), m([1]), m([1, 2]), m([1])])).toEqual([3])
  })

  it('credits by the configured rule, and nothing for a type that is not credited', () => {
    const study: CreditRule = { mode: 'studyMinutes', types: 'studyTypes', minutesPerCreditHour: 45 }
    expect(creditFor(90, ['themeDay'], study)).toBe(2)
    expect(creditFor(100, ['partyLecture'], study)).toBe(2.2)
    expect(creditFor(90, ['committeeMeeting'], study)).toBe(0)
    expect(creditFor(90, ['committeeMeeting'], { ...study, types: 'all' })).toBe(2)
    const hourly: CreditRule = { ...study, mode: 'hourly' }
    expect(creditFor(90, ['themeDay'], hourly)).toBe(1.5)
    expect(creditFor(200, ['themeDay'], hourly)).toBe(4)
    expect(creditFor(290, ['themeDay'], hourly)).toBe(4.5)
    expect(creditFor(420, ['themeDay'], hourly)).toBe(8)
    expect(creditFor(20, ['themeDay'], hourly)).toBe(0)
  })
})

describe('a plan for a month or a term', () => {
  it('reads months and terms in Beijing time, and refuses anything else', () => {
    const dec = planPeriod('2026-12')!
    expect(dec.label).toBe('2026年12月')
    expect(dec.from.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(dec.to.toISOString()).toBe('2026-12-31T16:00:00.000Z')
    const autumn = planPeriod('2026-autumn')!
    expect([autumn.from.toISOString(), autumn.to.toISOString(), autumn.label]).toEqual([
      '2026-08-31T16:00:00.000Z',
      '2027-01-31T16:00:00.000Z',
      '2026—2027学年秋季学期',
    ])
    expect(planPeriod('2027-spring')?.label).toBe('2026—2027学年春季学期')
    for (const bad of ['2026-13', '2026-1', 'autumn', '', null, 202612]) expect(planPeriod(bad)).toBeNull()
  })
})

describe('谈心谈话 over a year', () => {
  it('each pair of committee members, and each member with some committee member', () => {
    // Committee 1, 2, 3; members 4, 5, 6. Talks: 1–2, 2–3–5 (one talk of three counts for each pair in it), 1–4.
    const c = heartTalkCoverage(
      [1, 2, 3],
      [1, 2, 3, 4, 5, 6],
      [
        [1, 2],
        [2, 3, 5],
        [1, 4],
        [5, 6],
      ],
    )
    expect(c.pairs).toBe(3)
    expect(c.missingPairs).toEqual([[1, 3]])
    expect(c.members).toBe(3)
    // 6 talked only with 5, who is not on the committee.
    expect(c.unreached).toEqual([6])
  })

  it('a branch without a committee: its secretary talks with each member; nobody talked, everybody listed', () => {
    expect(heartTalkCoverage([7], [7, 8, 9], [])).toEqual({ pairs: 0, missingPairs: [], members: 2, unreached: [8, 9] })
    expect(heartTalkCoverage([7], [7, 8, 9], [new Set([7, 8]), new Set([9, 7])]).unreached).toEqual([])
  })
})

describe('the rotating sign-in code', () => {
  const secret = 'test-secret'
  const at = sh('2026-11-20T14:30')
  it('reads back the meeting within its validity, and refuses it after, or tampered', () => {
    const code = makeCode(secret, 42, at)
    expect(readCode(secret, code, new Date(at.getTime() + 60_000), 2)).toMatchObject({ meetingId: 42 })
    expect(readCode(secret, code, new Date(at.getTime() + 121_000), 2)).toMatchObject({
      status: 400,
      message: expect.stringContaining('已过期'),
    })
    expect(readCode('another-secret', code, at, 2)).toMatchObject({ status: 400, message: expect.stringContaining('无效') })
    expect(readCode(secret, code.replace(/^42\./, '43.'), at, 2)).toMatchObject({ status: 400, message: expect.stringContaining('无效') })
    expect(readCode(secret, 'https://example.com/x', at, 2)).toMatchObject({ status: 400 })
    expect(readCode(secret, undefined, at, 2)).toMatchObject({ status: 400 })
  })
  it('sign-in opens half an hour before the start and closes at the end', () => {
    const m = { startsAt: sh('2026-11-20T14:30'), endsAt: sh('2026-11-20T16:00') }
    expect(signInWindow(m, sh('2026-11-20T13:50'))).toMatchObject({ status: 400, message: expect.stringContaining('开始前') })
    expect(signInWindow(m, sh('2026-11-20T14:05'))).toBeNull()
    expect(signInWindow(m, sh('2026-11-20T16:01'))).toMatchObject({ message: expect.stringContaining('会议已结束') })
  })
})
