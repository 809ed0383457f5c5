import { describe, expect, it } from 'vitest'

import { daysInYear, expectedHours, yearOf } from '../../../src/study/pace'

describe('study pace (Asia/Shanghai years)', () => {
  it('knows leap years', () => {
    expect(daysInYear(2024)).toBe(366)
    expect(daysInYear(2026)).toBe(365)
    expect(daysInYear(2100)).toBe(365)
    expect(daysInYear(2000)).toBe(366)
  })

  it('counts the year in Shanghai, not UTC', () => {
    expect(yearOf(new Date('2025-12-31T16:30:00Z'))).toBe(2026) // 00:30 on 1 January in Shanghai
    expect(yearOf(new Date('2025-12-31T15:30:00Z'))).toBe(2025)
  })

  it('expects target × days elapsed / days in year', () => {
    expect(expectedHours(32, new Date('2026-01-01T01:00:00+08:00'))).toBeCloseTo((32 * 1) / 365, 2)
    expect(expectedHours(32, new Date('2026-07-02T12:00:00+08:00'))).toBeCloseTo((32 * 183) / 365, 2)
    expect(expectedHours(32, new Date('2024-12-31T23:00:00+08:00'))).toBe(32)
    expect(expectedHours(32, new Date('2024-02-29T12:00:00+08:00'))).toBeCloseTo((32 * 60) / 366, 2)
  })
})
