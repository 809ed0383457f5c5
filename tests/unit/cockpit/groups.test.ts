import { describe, expect, it } from 'vitest'

import { adjustGroups, groupMembers, groupRows, groupSums } from '../../../src/cockpit/groups'
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

/** A seeded PRNG (mulberry32): the same cases on every run, and a failing seed can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

describe('the grouped figures adjusted as member rows change', () => {
  /** 学时 as the ledger gives them: up to four decimals, often sums of thirds and tenths that floats cannot hold. */
  const randomRow = (random: () => number, id: number): MemberFigureRow => {
    const attempts = random() < 0.4 ? 0 : Math.floor(random() * 5)
    return {
      id,
      org: 1 + Math.floor(random() * 10),
      hours: random() < 0.2 ? 0 : Math.round(random() * 400_000) / 10_000,
      completions: Math.floor(random() * 9),
      cadre: random() < 0.15,
      attempts,
      passed: Math.floor(random() * (attempts + 1)),
      score_sum: attempts ? Math.round(random() * attempts * 1_000_000) / 10_000 : 0,
    }
  }

  it('equal grouping the rows afresh after any sequence of patches, exactly', () => {
    for (const seed of [1, 2, 3, 42, 2040]) {
      const random = prng(seed)
      const rows = new Map<number, MemberFigureRow>()
      for (let id = 1; id <= 30; id++) if (random() < 0.7) rows.set(id, randomRow(random, id))
      let groups = groupSums(rows.values(), pace)
      for (let step = 0; step < 120; step++) {
        // Some members change: new figures, another organisation, entering the scope or leaving it.
        const ids = Array.from({ length: 1 + Math.floor(random() * 4) }, () => 1 + Math.floor(random() * 36))
        const unique = [...new Set(ids)]
        const before = unique.flatMap((id) => rows.get(id) ?? [])
        const after = unique.flatMap((id) => (random() < 0.15 ? [] : [randomRow(random, id)]))
        for (const id of unique) rows.delete(id)
        for (const r of after) rows.set(r.id, r)
        groups = adjustGroups(groups, before, after, pace)
        expect(groupRows(groups), `seed ${seed}, step ${step}`).toEqual(groupMembers(rows.values(), pace))
      }
    }
  })

  it('move a member between organisations, and drop an organisation left without members', () => {
    const a = member(7, 12.3456, { completions: 3, attempts: 2, passed: 1, score_sum: 150.5 })
    const b = member(7, 0.1)
    const c = member(8, 0.2)
    const groups = groupSums([a, b, c], pace)
    const moved = { ...a, org: 8 }
    const after = groupRows(adjustGroups(groups, [a], [moved], pace))
    expect(after).toEqual(groupMembers([moved, b, c], pace))
    expect(after.find((g) => g.org === 8)).toMatchObject({ members: 2, hours: 12.5456, completions: 3, participants: 1, score_sum: 150.5 })
    expect(after.find((g) => g.org === 7)).toMatchObject({ members: 1, hours: 0.1 })
    // The last member of organisation 7 leaves the scope: no row for it, as grouped afresh.
    const left = groupRows(adjustGroups(adjustGroups(groups, [a], [moved], pace), [b], [], pace))
    expect(left.map((g) => g.org)).toEqual([8, null])
    expect(left).toEqual(groupMembers([moved, c], pace))
  })

  it('count a member entering the scope, and take them away again to what it was', () => {
    const rows = [member(9, 31.9999), member(9, 32, { cadre: true })]
    const groups = groupSums(rows, pace)
    const newcomer = member(10, 40, { attempts: 1, passed: 1, score_sum: 90 })
    const entered = adjustGroups(groups, [], [newcomer], pace)
    expect(groupRows(entered)).toEqual(groupMembers([...rows, newcomer], pace))
    expect(groupRows(entered).find((g) => g.total === 1)).toMatchObject({ members: 3, done: 2, at_target: 1, participants: 1 })
    expect(groupRows(adjustGroups(entered, [newcomer], [], pace))).toEqual(groupMembers(rows, pace))
    // The value adjusted is left as it was.
    expect(groupRows(groups)).toEqual(groupMembers(rows, pace))
  })

  it('sum 学时 exactly where adding floats would not', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats; taking 0.1 away again leaves 0.20000000000000004.
    const x = member(11, 0.1)
    const y = member(11, 0.2)
    const both = groupSums([x, y], pace)
    expect(groupRows(both)[0].hours).toBe(0.3)
    expect(groupRows(adjustGroups(both, [x], [], pace))[0].hours).toBe(0.2)
  })
})
