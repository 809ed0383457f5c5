import { describe, expect, it } from 'vitest'

import {
  acceptedPosition,
  completionMet,
  creditedHours,
  DEFAULT_STUDY_RULES,
  hoursForSeconds,
  minutesForSeconds,
  readableLength,
  readingSeconds,
  studyRulesOf,
} from '../../../src/study/length'

describe('an item’s length and 学时', () => {
  it('are its real length over minutes per 学时 (45 by default: one 课时)', () => {
    expect(hoursForSeconds(45 * 60)).toBe(1)
    expect(hoursForSeconds(15 * 60)).toBe(0.33)
    expect(hoursForSeconds(12)).toBe(0) // the old 12-second placeholder clip is no study at all
    expect(hoursForSeconds(0)).toBe(0)
    expect(hoursForSeconds(40 * 60, 40)).toBe(1)
    expect(minutesForSeconds(12)).toBe(1)
    expect(minutesForSeconds(18 * 60 + 20)).toBe(18)
  })

  it('read articles at the study-reading speed (300 characters a minute), counting characters, not spaces', () => {
    expect(readableLength('党支部 是\n党的基础组织。')).toBe(11)
    expect(readableLength('𠀀字')).toBe(2) // a character outside the BMP counts once
    expect(readingSeconds(3000)).toBe(600)
    expect(readingSeconds(3000, 600)).toBe(300)
    expect(readingSeconds(10)).toBe(30) // never less than 30 s
    // 13,500 characters at 300 a minute: 45 minutes, one 学时.
    expect(hoursForSeconds(readingSeconds(13_500))).toBe(1)
  })

  it('take the rules from 平台设置 and fall back to the defaults for missing or nonsensical values', () => {
    expect(studyRulesOf(null)).toEqual(DEFAULT_STUDY_RULES)
    expect(studyRulesOf({ minutesPerCreditHour: 40, readingCharsPerMinute: 0, completionShare: 1.5 })).toEqual({
      ...DEFAULT_STUDY_RULES,
      minutesPerCreditHour: 40,
    })
  })
})

describe('completion', () => {
  const video = { kind: 'video' as const, lengthSeconds: 300 }
  const article = { kind: 'article' as const, lengthSeconds: 600 }

  it('needs credited time of 90% of the real length, and for media the position there too', () => {
    expect(completionMet(video, { secondsCredited: 270, position: 270, scrolledToEnd: false })).toBe(true)
    expect(completionMet(video, { secondsCredited: 269, position: 300, scrolledToEnd: false })).toBe(false)
    expect(completionMet(video, { secondsCredited: 300, position: 100, scrolledToEnd: false })).toBe(false)
    expect(completionMet(video, { secondsCredited: 300, position: 100, scrolledToEnd: false }, 0.3)).toBe(true)
  })

  it('needs an article read to its end for 90% of its reading length', () => {
    expect(completionMet(article, { secondsCredited: 540, position: 1, scrolledToEnd: true })).toBe(true)
    expect(completionMet(article, { secondsCredited: 539, position: 1, scrolledToEnd: true })).toBe(false)
    expect(completionMet(article, { secondsCredited: 900, position: 0.8, scrolledToEnd: false })).toBe(false)
  })

  it('never happens for an item without a length (a file whose duration is unknown)', () => {
    expect(completionMet({ kind: 'audio', lengthSeconds: 0 }, { secondsCredited: 100, position: 100, scrolledToEnd: false })).toBe(false)
  })
})

describe('positions and credited 学时', () => {
  it('a media position may not run ahead of the time credited since opening by more than the tolerance', () => {
    expect(acceptedPosition(600, 0, 20)).toBe(25) // a forged position: clamped
    expect(acceptedPosition(140, 120, 20)).toBe(140) // resumed at 2:00, watched 20 s
    expect(acceptedPosition(30, 120, 20)).toBe(30) // went back: fine
    expect(acceptedPosition(-5, 0, 0)).toBe(0)
  })

  it('a completed item credits its 学时 only as far as the time credited on it allows', () => {
    expect(creditedHours(1, 45 * 60)).toBe(1)
    expect(creditedHours(1, 90 * 60)).toBe(1)
    expect(creditedHours(1, 0.9 * 45 * 60)).toBe(0.9)
    expect(creditedHours(0.33, 900)).toBe(0.33)
    expect(creditedHours(0.34, 899)).toBe(0.3329) // rounded down: never more than studied
    expect(creditedHours(0.34, 899) * 45 * 60).toBeLessThanOrEqual(899)
  })
})
