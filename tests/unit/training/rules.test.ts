import { describe, expect, it } from 'vitest'

import { yearOf } from '../../../src/study/pace'
import { checkRecord, sourceOf, transition } from '../../../src/training/rules'

const NOW = new Date('2026-11-20T02:00:00Z')
const good = {
  title: '学习贯彻党的二十届四中全会精神专题培训',
  organiser: '信息学院党委',
  date: '2026-11-18T00:00:00Z',
  hours: 4,
  year: 2026,
  attendees: [1, 2],
}

describe('training record rules', () => {
  it('the branch records and submits; only the committee confirms or returns; confirmed is final', () => {
    expect(transition('recorder', 'draft', 'submitted')).toBeNull()
    expect(transition('recorder', 'submitted', 'draft')).toBeNull()
    expect(transition('recorder', 'returned', 'submitted')).toBeNull()
    expect(transition('recorder', 'submitted', 'confirmed')).toMatchObject({ status: 403 })
    expect(transition('recorder', 'draft', 'confirmed')).toMatchObject({ status: 403 })
    expect(transition('recorder', 'submitted', 'returned')).toMatchObject({ status: 403 })
    expect(transition('reviewer', 'submitted', 'confirmed')).toBeNull()
    expect(transition('reviewer', 'submitted', 'returned', '  ')).toMatchObject({ status: 400, field: 'returnReason' })
    expect(transition('reviewer', 'submitted', 'returned', '参加人员名单与签到表不符')).toBeNull()
    expect(transition('reviewer', 'draft', 'confirmed')).toMatchObject({ status: 400 })
    expect(transition('reviewer', 'returned', 'confirmed')).toMatchObject({ status: 400 })
    expect(transition('reviewer', 'submitted', 'draft')).toMatchObject({ status: 400 })
    for (const actor of ['recorder', 'reviewer'] as const)
      for (const to of ['draft', 'submitted', 'returned', 'confirmed'] as const)
        expect(transition(actor, 'confirmed', to)).toMatchObject({ status: 400 })
  })

  it('checks the record: a past date, hours in tenths up to the maximum, the date’s year or the one before, attendees', () => {
    expect(checkRecord(good, yearOf, NOW)).toBeNull()
    expect(checkRecord({ ...good, title: ' ' }, yearOf, NOW)).toMatchObject({ field: 'title' })
    expect(checkRecord({ ...good, organiser: '' }, yearOf, NOW)).toMatchObject({ field: 'organiser' })
    expect(checkRecord({ ...good, date: '2026-11-21T00:00:00Z' }, yearOf, NOW)).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/不能晚于今天/),
    })
    expect(checkRecord({ ...good, date: 'not a date' }, yearOf, NOW)).toMatchObject({ field: 'date' })
    for (const hours of [0, -1, Number.NaN, 200.5, 3.25])
      expect(checkRecord({ ...good, hours }, yearOf, NOW), String(hours)).toMatchObject({ field: 'hours' })
    expect(checkRecord({ ...good, hours: 3.5 }, yearOf, NOW)).toBeNull()
    expect(checkRecord({ ...good, hours: 200 }, yearOf, NOW)).toBeNull()
    // 所属年度: a course on 2 January 2027 (Shanghai) may count for 2026, not for 2025 or 2028.
    const jan = { ...good, date: '2027-01-01T17:00:00Z' }
    const later = new Date('2027-02-01T00:00:00Z')
    expect(checkRecord({ ...jan, year: 2026 }, yearOf, later)).toBeNull()
    expect(checkRecord({ ...jan, year: 2027 }, yearOf, later)).toBeNull()
    expect(checkRecord({ ...jan, year: 2025 }, yearOf, later)).toMatchObject({ field: 'year' })
    expect(checkRecord({ ...jan, year: 2028 }, yearOf, later)).toMatchObject({ field: 'year' })
    // 23:30 on 31 December in Shanghai is still that year.
    expect(checkRecord({ ...good, date: '2026-12-31T15:30:00Z', year: 2026 }, yearOf, later)).toBeNull()
    expect(checkRecord({ ...good, attendees: [] }, yearOf, NOW)).toMatchObject({ field: 'attendees' })
  })

  it('an external course credits as a certificate, the others as training', () => {
    expect(sourceOf('external')).toBe('certificate')
    expect(sourceOf('concentrated')).toBe('training')
    expect(sourceOf('partySchool')).toBe('training')
  })
})
