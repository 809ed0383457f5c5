import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { cockpitData } from '../../../src/cockpit/data'
import { scopeOf, type Scope } from '../../../src/cockpit/scope'
import { poolOf } from '../../../src/db/pool'
import type { Timing } from '../../../src/timing'
import { demoUser, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'
import { freshMember } from '../../helpers/study'

/**
 * The cockpit keeps one row per member in each process and, at a notice naming a member (a change to
 * their year's 学时, completions or quiz figures), re-reads that row alone (src/cockpit/cache.ts);
 * any other change to who counts reads every row again. Property: whatever the path, the figures
 * equal those of reading every member afresh. The branch is the test's own, so nothing else moves it.
 */
let payload: Payload
let scope: Scope
let members: TestUser[]
// A year no other test reads (its rows written straight into the rollups have no ledger behind them,
// which the raw-figure comparisons of other files would see); removed again after the test.
const YEAR = 2040

beforeAll(async () => {
  payload = await testPayload()
  const committee = await demoUser('committee@demo.edu.cn')
  const college = (await payload.find({ collection: 'organizations', where: { type: { equals: 'collegeCommittee' } }, limit: 1, depth: 0 }))
    .docs[0]
  const branch = await payload.create({
    collection: 'organizations',
    data: { name: unique('驾驶舱成员行测试支部'), type: 'branch', parent: college.id },
  })
  members = [
    await freshMember(payload, { organization: branch.id }),
    await freshMember(payload, { organization: branch.id }),
    await freshMember(payload, { organization: branch.id }),
  ]
  scope = await scopeOf({ user: committee, payload }, branch.id as number)
})
afterAll(async () => {
  const ids = members.map((m) => m.id)
  await poolOf(payload).query(`DELETE FROM study_member_year WHERE year = $1 AND member_id = ANY($2::int[])`, [YEAR, ids])
  await poolOf(payload).query(`DELETE FROM quiz_member_year WHERE year = $1 AND member_id = ANY($2::int[])`, [YEAR, ids])
  await releasePayload(payload)
})

const JUNE = new Date(`${YEAR}-06-01T00:00:00+08:00`)
const figures = async (now = JUNE) => {
  const timing: Timing = []
  const data = await cockpitData(payload, scope, now, YEAR, timing)
  return { data, steps: timing.map(([step]) => step) }
}
/** The same figures after every process's member rows were dropped: read from every member again. */
const readAfresh = async (now = JUNE) => {
  await poolOf(payload).query(`NOTIFY cockpit_members, 'test'`)
  const again = await figures(now)
  expect(again.steps).toContain('members')
  return again.data
}

describe('the cockpit member rows', () => {
  it('re-reads only the member a notice names, and equals reading every member', async () => {
    const pool = poolOf(payload)
    const [a, b, c] = members.map((m) => m.id as number)
    await figures()
    const kept = await figures()
    expect(kept.steps).toContain('members-cached')
    expect(kept.data.study).toMatchObject({ members: 3, completions: 0, quizAttempts: 0 })

    // A completion credits 7.5 学时 to one member (what the ledger's rollup trigger writes).
    await pool.query(`INSERT INTO study_member_year (member_id, year, seconds, hours, completions) VALUES ($1, $2, 2700, 7.5, 1)`, [
      a,
      YEAR,
    ])
    const studied = await figures()
    expect(studied.steps).toContain('members-patched')
    expect(studied.data.study).toMatchObject({ members: 3, completions: 1, averageHours: 2.5 })
    expect(studied.data.study.distribution.find((d) => d.band === 'lt8')?.members).toBe(1)
    expect(studied.data).toEqual(await readAfresh())

    // Another day: another pace (7.5 学时 are behind it on 1 June, ahead of it on 1 March). The kept
    // rows are grouped again for it, not served with the groups of the other day.
    const MARCH = new Date(`${YEAR}-03-01T00:00:00+08:00`)
    expect((await figures()).data.study.onPace).toBe(0)
    const march = await figures(MARCH)
    expect(march.steps).toContain('members-cached')
    expect(march.data.study.onPace).toBe(1)
    expect(march.data).toEqual(await readAfresh(MARCH))
    expect((await figures()).data.study.onPace).toBe(0)

    // Fractions of 学时, added and taken away again one patch at a time (the groups are adjusted by
    // each patch, not regrouped): still what grouping every member gives.
    for (const [member, delta] of [
      [b, 0.1],
      [b, 0.2],
      [c, 1.3333],
      [b, -0.1],
      [c, -1.3333],
    ] as const) {
      await figures()
      await pool.query(
        `INSERT INTO study_member_year (member_id, year, seconds, hours, completions) VALUES ($1, $2, 0, $3, 1)
         ON CONFLICT (member_id, year) DO UPDATE SET hours = study_member_year.hours + $3, completions = study_member_year.completions + 1`,
        [member, YEAR, delta],
      )
      const patched = await figures()
      expect(patched.steps).toContain('members-patched')
      expect(patched.data).toEqual(await readAfresh())
    }

    // Quiz figures of another member, then more 学时 for the first (an update, not an insert).
    await figures()
    await pool.query(`INSERT INTO quiz_member_year (member_id, year, attempts, passed, score_sum) VALUES ($1, $2, 2, 1, 150)`, [b, YEAR])
    await pool.query(`UPDATE study_member_year SET hours = hours + 30, completions = completions + 4 WHERE member_id = $1 AND year = $2`, [
      a,
      YEAR,
    ])
    const both = await figures()
    expect(both.steps).toContain('members-patched')
    expect(both.data.study).toMatchObject({ completions: 10, quizAttempts: 2, quizParticipants: 1, atTarget: 1 })
    expect(both.data).toEqual(await readAfresh())

    // Who counts changes (a member leaves the Party's ranks here: stage): the notice names the person,
    // whose row is read again and, out of scope now, taken out.
    await figures()
    await pool.query(`UPDATE users SET political_stage = 'masses' WHERE id = $1`, [c])
    const fewer = await figures()
    expect(fewer.steps).toContain('members-patched')
    expect(fewer.data.study.members).toBe(2)
    expect(fewer.data).toEqual(await readAfresh())

    // A member's rows deleted (statement-level notice): read again, the figures gone.
    await figures()
    await pool.query(`DELETE FROM quiz_member_year WHERE member_id = $1 AND year = $2`, [b, YEAR])
    const gone = await figures()
    expect(gone.steps).toContain('members')
    expect(gone.data.study).toMatchObject({ quizAttempts: 0, completions: 8 })
  })
})
