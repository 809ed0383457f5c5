import { describe, expect, it } from 'vitest'

import { groupMembers } from '../../../src/cockpit/groups'
import type { MemberFigureRow } from '../../../src/cockpit/queries'

const pace = { expected: 10, target: 32, cadreExpected: 20, cadreTarget: 56 }
let next = 1
const member = (org: number, hours: number, extra: Partial<MemberFigureRow> = {}): MemberFigureRow => ({
  id: next++,
  org,
  hours,
  completions: 0,
  cadre: false,
  attempts: 0,
  passed: 0,
  score_sum: 0,
  ...extra,
})

describe('the member figures grouped per organisation and for the scope', () => {
  it('puts each member in one hour band, lower bounds inclusive, and holds cadres to the cadre pace', () => {
    const rows = [
      member(1, 0),
      member(1, 0.0001),
      member(1, 8),
      member(1, 15.9999),
      member(2, 16),
      member(2, 24),
      member(2, 32),
      member(2, 40, { cadre: true }),
      member(2, 56, { cadre: true }),
    ]
    const groups = groupMembers(rows, pace)
    const total = groups.find((g) => g.total === 1)!
    expect(total).toMatchObject({ org: null, members: 9, zero: 1, lt8: 1, lt16: 2, lt24: 1, lt32: 1, done: 3 })
    // On pace: members ≥ 10 (15.9999 is, 8 is not), cadres ≥ 20. At target: members ≥ 32, cadres ≥ 56 (40 is not).
    expect(total.on_pace).toBe(6)
    expect(total.at_target).toBe(2)
    expect(groups.find((g) => g.org === 1)).toMatchObject({ total: 0, members: 4, zero: 1, lt8: 1, lt16: 2, on_pace: 1, at_target: 0 })
    expect(groups.find((g) => g.org === 2)).toMatchObject({ total: 0, members: 5, lt24: 1, lt32: 1, done: 3, on_pace: 5, at_target: 2 })
  })

  it('sums hours, completions and quiz figures, counting members who took a quiz', () => {
    const rows = [
      member(3, 1.25, { completions: 2, attempts: 3, passed: 2, score_sum: 240 }),
      member(3, 2.5, { completions: 1 }),
      member(4, 0, { attempts: 1, passed: 0, score_sum: 40 }),
    ]
    const groups = groupMembers(rows, pace)
    expect(groups.find((g) => g.org === 3)).toMatchObject({
      hours: 3.75,
      completions: 3,
      participants: 1,
      attempts: 3,
      passed: 2,
      score_sum: 240,
    })
    expect(groups.find((g) => g.total === 1)).toMatchObject({ members: 3, hours: 3.75, participants: 2, attempts: 4, score_sum: 280 })
  })

  it('gives the whole scope a row of zeros when no member is in it', () => {
    expect(groupMembers([], pace)).toEqual([expect.objectContaining({ org: null, total: 1, members: 0, hours: 0, done: 0 })])
  })
})
