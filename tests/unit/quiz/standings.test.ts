import { describe, expect, it } from 'vitest'

import { DISCLOSURE_NOTE, standings, tooFewNote, type BranchFigures } from '../../../src/quiz/standings'

const branch = (branchId: number, collegeId: number | null, participants: number, scoreSum: number, members = 20): BranchFigures => ({
  branchId,
  branch: `支部${branchId}`,
  collegeId,
  college: collegeId === null ? null : `学院${collegeId}`,
  participants,
  members,
  scoreSum,
})

describe('competition standings', () => {
  it('publish no score for a group with fewer participants than the threshold (5 by default)', () => {
    const { branches } = standings([branch(1, 10, 1, 95), branch(2, 10, 4, 320), branch(3, 10, 5, 400), branch(4, 10, 0, 0)])
    const by = new Map(branches.map((b) => [b.organizationId, b]))
    expect(by.get(1)).toMatchObject({ participants: 1, averageScore: null, rank: null, note: tooFewNote(5) })
    expect(by.get(2)).toMatchObject({ averageScore: null, note: '参与人数不足5人，不公布成绩' })
    expect(by.get(3)).toMatchObject({ averageScore: 80, rank: 1, note: null, participationRate: 25 })
    expect(by.get(4)).toMatchObject({ averageScore: null, rank: null, note: null })
    // Published groups first, ranked; the others after, unranked.
    expect(branches[0].organizationId).toBe(3)
  })

  it('follow the configured threshold', () => {
    expect(standings([branch(1, 10, 3, 270)], 3).branches[0]).toMatchObject({ averageScore: 90, rank: 1 })
    expect(standings([branch(1, 10, 3, 270)], 4).branches[0]).toMatchObject({ averageScore: null, note: tooFewNote(4) })
  })

  it('withhold a college score that would give away its withheld branches by subtraction', () => {
    // College 10: a published branch of 6 and a branch of 1; the college average minus the
    // published branch would reveal that one person's score.
    const leaky = standings([branch(1, 10, 6, 480), branch(2, 10, 1, 100)]).colleges[0]
    expect(leaky).toMatchObject({ participants: 7, averageScore: null, note: DISCLOSURE_NOTE })
    // Withheld branches that together have enough people (3 + 2) may be covered by the college figure.
    const safe = standings([branch(1, 10, 6, 480), branch(2, 10, 3, 270), branch(3, 10, 2, 150)]).colleges[0]
    expect(safe).toMatchObject({ participants: 11, averageScore: 81.8, note: null, rank: 1 })
    // A college of too few participants is withheld like a branch.
    expect(standings([branch(1, 11, 2, 100), branch(2, 11, 2, 100)]).colleges[0]).toMatchObject({ averageScore: null, note: tooFewNote(5) })
  })

  it('carry organisations only, never people', () => {
    const result = standings([branch(1, 10, 6, 480)])
    for (const row of [...result.branches, ...result.colleges]) {
      expect(Object.keys(row).sort()).toEqual([
        'averageScore',
        'members',
        'name',
        'note',
        'organizationId',
        'participants',
        'participationRate',
        'rank',
      ])
    }
  })
})
