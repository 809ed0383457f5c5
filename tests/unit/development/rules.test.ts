import { describe, expect, it } from 'vitest'

import { noticeEnds, workingDaysBetween } from '../../../src/development/calendar'
import { caseState } from '../../../src/development/case'
import { canDo, extendRules, LOCAL_2026, RULE_SETS } from '../../../src/development/steps'
import { addSpan, overdue, tooEarly } from '../../../src/development/timing'
import { tallyVote, votersOf } from '../../../src/development/vote'

const none = { for: 0, against: 0, abstain: 0 }

describe('branch vote arithmetic (发展党员工作细则: quorum and majority of the expected voters)', () => {
  it('20 expected voters and 10 present: no quorum, whatever the ballots', () => {
    const r = tallyVote({ expected: 20, present: 10, ballots: { for: 10, against: 0, abstain: 0 }, written: none })
    expect(r).toMatchObject({ quorate: false, passed: false, needed: 11 })
    expect(r.reason).toMatch(/未超过应到 20 人的半数/)
  })

  it('11 present and 10 in favour: quorate, but fails (more than half of the expected, not of those present)', () => {
    expect(tallyVote({ expected: 20, present: 11, ballots: { for: 10, against: 1, abstain: 0 }, written: none })).toMatchObject({
      quorate: true,
      passed: false,
      inFavour: 10,
      needed: 11,
    })
  })

  it('a written opinion of an absent voter counts: 10 in the room and 1 in writing pass', () => {
    const r = tallyVote({
      expected: 20,
      present: 11,
      ballots: { for: 10, against: 1, abstain: 0 },
      written: { for: 1, against: 0, abstain: 0 },
    })
    expect(r).toMatchObject({ passed: true, inFavour: 11 })
    expect(r.reason).toMatch(/含书面意见 1 票/)
  })

  it('an odd number expected: 7 need 4; counts that cannot be are refused', () => {
    expect(tallyVote({ expected: 7, present: 4, ballots: { for: 4, against: 0, abstain: 0 }, written: none }).passed).toBe(true)
    expect(tallyVote({ expected: 7, present: 4, ballots: { for: 3, against: 0, abstain: 1 }, written: none }).passed).toBe(false)
    expect(() => tallyVote({ expected: 7, present: 8, ballots: none, written: none })).toThrow(/不一致/)
    expect(() => tallyVote({ expected: 7, present: 3, ballots: { for: 4, against: 0, abstain: 0 }, written: none })).toThrow(/不一致/)
  })

  it('probationary members and the candidate do not vote', () => {
    const people = [
      { id: 1, stage: 'full' },
      { id: 2, stage: 'probationary' },
      { id: 3, stage: 'full' },
      { id: 4, stage: 'developmentTarget' },
    ]
    expect(votersOf(people, 3).map((p) => p.id)).toEqual([1])
  })
})

describe('公示 in working days (Chinese holidays and adjusted working days, chinese-days)', () => {
  it('over the 2026 National Day holiday (1–7 October)', () => {
    // Mon 28, Tue 29, Wed 30 September, then Thu 8 and Fri 9 October.
    expect(noticeEnds('2026-09-28', 5)).toBe('2026-10-09')
  })

  it('an adjusted working Saturday counts (10 October 2026), the Sunday after does not', () => {
    // Wed 30 September, Thu 8, Fri 9, Sat 10 (调休上班), then Mon 12 October.
    expect(noticeEnds('2026-09-30', 5)).toBe('2026-10-12')
    expect(workingDaysBetween('2026-10-01', '2026-10-11')).toBe(3)
  })

  it('a notice posted on a holiday starts counting on the next working day', () => {
    expect(noticeEnds('2026-10-03', 1)).toBe('2026-10-08')
    expect(() => noticeEnds('2026-10-03', 0)).toThrow(/正整数/)
  })
})

describe('time rules of the steps', () => {
  it('a year as an activist: refused the day before it ends, allowed on the day', () => {
    expect(tooEarly('2025-10-15', { years: 1 }, '2026-10-14')).toBe('2026-10-15')
    expect(tooEarly('2025-10-15', { years: 1 }, '2026-10-15')).toBeNull()
  })

  it('periods that end on a day the month lacks end on the 1st of the next month', () => {
    expect(addSpan('2024-02-29', { years: 1 })).toBe('2025-03-01')
    expect(addSpan('2026-01-31', { months: 3 })).toBe('2026-05-01')
    expect(addSpan('2026-12-15', { months: 1 })).toBe('2027-01-15')
  })

  it('a talk within one month of the application is overdue the day after the month ends', () => {
    expect(overdue('2026-11-03', { months: 1 }, '2026-12-03')).toBe(false)
    expect(overdue('2026-11-03', { months: 1 }, '2026-12-04')).toBe(true)
  })
})

describe('the steps as versioned rules', () => {
  const base = RULE_SETS['2014']
  it('25 steps in five phases, each with its actor and article; the stage changes at 1, 3, 7, 17 and 24', () => {
    expect(base.steps.map((s) => s.no)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(new Set(base.steps.map((s) => s.phase)).size).toBe(5)
    for (const s of base.steps) expect(s.article, `step ${s.no}`).toMatch(/^第.+条/)
    expect(base.steps.filter((s) => s.stage).map((s) => [s.no, s.stage])).toEqual([
      [1, 'applicant'],
      [3, 'activist'],
      [7, 'developmentTarget'],
      [17, 'probationary'],
      [24, 'full'],
    ])
    expect(base.steps.filter((s) => s.vote).map((s) => s.no)).toEqual([15, 23])
  })

  it('local rules add 公示 and training hours, and may not weaken the version', () => {
    const local = extendRules(base, LOCAL_2026)
    expect(local.version).toBe('2014+示范大学2026')
    expect(local.publicNotice).toEqual({ beforeSteps: [3, 7, 15, 23], workingDays: 5 })
    expect(() => extendRules(base, { version: 'x', trainingHours: 12 })).toThrow(/不能少于 24 学时/)
    expect(() => extendRules(local, { version: 'y', publicNotice: { beforeSteps: [7] } })).toThrow(/不能取消第 3、15、23 步之前的公示/)
    expect(() => extendRules(local, { version: 'y', publicNotice: { workingDays: 3 } })).toThrow(/不能少于 5 个工作日/)
  })

  it('a step comes after the ones before it, and not before its time: the rule and the date it becomes possible', () => {
    const done = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [i + 1, '2025-10-15']))
    expect(canDo(base, done, 8, '2026-10-20', addSpan)).toMatchObject({ ok: false, reason: expect.stringMatching(/须先完成第 7 步/) })
    const early = canDo(base, done, 7, '2026-10-14', addSpan)
    expect(early).toMatchObject({ ok: false, from: '2026-10-15' })
    expect(!early.ok && early.reason).toMatch(/第十三条.*满1 年，2026-10-15 起可以进行/)
    expect(canDo(base, done, 7, '2026-10-15', addSpan)).toEqual({ ok: true })
  })
})

describe('a case as its rules see it', () => {
  const rules = extendRules(RULE_SETS['2014'], LOCAL_2026)
  const upTo = (n: number, day: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i + 1, day]))

  it('the stage follows the steps done; the next step and what blocks it', () => {
    const applied = caseState(rules, { done: { 1: '2026-11-02' }, notices: [], votes: {} }, '2026-11-20')
    expect(applied).toMatchObject({ stage: 'applicant', next: { no: 2 }, blocked: null })
    // The talk is due within a month of the application: overdue from 3 December.
    expect(caseState(rules, { done: { 1: '2026-11-02' }, notices: [], votes: {} }, '2026-12-03').overdue[0]).toMatchObject({
      step: { no: 2 },
      due: '2026-12-02',
    })
    expect(caseState(rules, { done: upTo(16, '2026-03-01'), notices: [], votes: {} }, '2026-06-01').stage).toBe('developmentTarget')
  })

  it('公示 before becoming an activist: required, counted in working days, and an objection blocks until handled', () => {
    const done = upTo(2, '2026-09-01')
    expect(caseState(rules, { done, notices: [], votes: {} }, '2026-09-10').blocked?.reason).toMatch(/之前须公示 5 个工作日/)
    const notice = { beforeStep: 3, postedOn: '2026-09-30', objections: [] as Array<{ on: string; handled: boolean }> }
    // Posted 30 September: over the holiday and the adjusted Saturday, it runs to 12 October.
    expect(caseState(rules, { done, notices: [notice], votes: {} }, '2026-10-12').blocked).toEqual({
      reason: '公示期至 2026-10-12',
      from: '2026-10-13',
    })
    expect(caseState(rules, { done, notices: [notice], votes: {} }, '2026-10-13').blocked).toBeNull()
    const objected = { ...notice, objections: [{ on: '2026-10-09', handled: false }] }
    expect(caseState(rules, { done, notices: [objected], votes: {} }, '2026-10-20').blocked?.reason).toMatch(/1 条意见尚未处理/)
    expect(
      caseState(rules, { done, notices: [{ ...objected, objections: [{ on: '2026-10-09', handled: true }] }], votes: {} }, '2026-10-20')
        .blocked,
    ).toBeNull()
  })

  it('an extended probation moves 转正 back by the extension; a cancelled case has no next step', () => {
    const done = { ...upTo(22, '2025-06-01'), 15: '2025-06-01' }
    const notices = [{ beforeStep: 23, postedOn: '2026-05-06', objections: [] }]
    expect(caseState(rules, { done, notices, votes: {}, outcome: 'extended', extensionMonths: 6 }, '2026-07-01').blocked).toMatchObject({
      from: '2026-12-01',
    })
    expect(caseState(rules, { done, notices, votes: {} }, '2026-07-01').blocked).toBeNull()
    expect(caseState(rules, { done, notices, votes: {}, outcome: 'cancelled' }, '2026-07-01')).toMatchObject({
      finished: true,
      next: null,
      stage: 'probationary',
    })
  })
})
