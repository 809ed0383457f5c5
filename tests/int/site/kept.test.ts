import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { changeCount } from '../../../src/db/notify'
import { poolOf } from '../../../src/db/pool'
import type { Course } from '../../../src/payload-types'
import { audienceOf, keptWhileContentUnchanged } from '../../../src/site/kept'
import { loadCourse } from '../../../src/site/loaders'
import { dailyQuiz } from '../../../src/site/queries'
import { siteRequests } from '../../../src/site/request'
import type { Member } from '../../../src/study/read'
import { personData, releasePayload, testPayload } from '../../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await releasePayload(payload)
})

const noticeAfter = async (seen: number) => {
  for (const until = Date.now() + 5000; changeCount('content_items') === seen && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 50))
  expect(changeCount('content_items')).toBeGreaterThan(seen)
}

/** loadCourse as a member page calls it, signed in with this token (a new request each time). */
const asPage = (token: string | null, id: number) =>
  siteRequests.run(
    { headers: new Headers(token ? { cookie: `payload-token=${token}`, 'sec-fetch-site': 'same-origin' } : {}), memo: new Map() },
    () => loadCourse(id),
  )

describe('what the member site keeps per audience (src/site/kept.ts)', () => {
  it('names an audience by exactly what content access reads', async () => {
    const orgs = (await payload.find({ collection: 'organizations', depth: 0, limit: 2, where: { type: { equals: 'branch' } } })).docs
    const person = (over: object) => ({
      id: 1,
      collection: 'users' as const,
      name: '受众',
      roles: ['member' as const],
      politicalStage: 'probationary' as const,
      organization: orgs[0].id,
      active: true,
      interests: [],
      ...over,
    })
    const base = await audienceOf(payload, person({}))
    expect(await audienceOf(payload, person({ id: 2, name: '另一人' }))).toBe(base)
    expect(await audienceOf(payload, person({ politicalStage: 'full' }))).not.toBe(base)
    expect(await audienceOf(payload, person({ organization: orgs[1].id }))).not.toBe(base)
    expect(await audienceOf(payload, person({ active: false }))).toBe('visitor')
    expect(await audienceOf(payload, null)).toBe('visitor')
    expect(await audienceOf(payload, person({ roles: ['member', 'reviewer'] }))).toBe('staff')
  })

  it('keeps a read until content changes, never keeps a read a change overtook, and hands out frozen values', async () => {
    let reads = 0
    const kept = keptWhileContentUnchanged<{ n: number; list: number[] }>({ ttlMs: 60_000 })
    const read = async () => ({ n: ++reads, list: [reads] })
    const first = await kept(payload, 'k', read)
    expect(await kept(payload, 'k', read)).toBe(first)
    expect(reads).toBe(1)
    expect(() => {
      ;(first as { n: number }).n = 99
    }).toThrow(TypeError)
    expect(() => first.list.push(1)).toThrow(TypeError)

    const pool = poolOf(payload)
    const touch = async () => {
      const seen = changeCount('content_items')
      await pool.query(`UPDATE courses SET updated_at = updated_at WHERE id = (SELECT min(id) FROM courses)`)
      await noticeAfter(seen)
    }
    await touch()
    const second = await kept(payload, 'k', read)
    expect(second.n).toBe(2)

    // A change heard while reading: that read is returned, but the next caller reads again.
    const during = await kept(payload, 'during', async () => {
      await touch()
      return read()
    })
    expect((await kept(payload, 'during', read)).n).toBe(during.n + 1)

    // An expiry: a value whose own end has passed is read again.
    const ending = keptWhileContentUnchanged<number>({ ttlMs: 60_000, until: () => Date.now() - 1 })
    let endingReads = 0
    await ending(payload, 'x', async () => ++endingReads)
    await ending(payload, 'x', async () => ++endingReads)
    expect(endingReads).toBe(2)
  })

  it('never shows a kept course to someone outside its audience, and shows an audience change at once', async () => {
    const pool = poolOf(payload)
    const org = (await payload.find({ collection: 'organizations', where: { code: { equals: 'B-INFO-UG1' } }, depth: 0 })).docs[0].id
    const login = async (name: string, politicalStage: 'applicant' | 'probationary') => {
      const data = { ...personData(name, { organization: org }), politicalStage }
      await payload.create({ collection: 'users', data })
      return (await payload.login({ collection: 'users', data: { email: data.email, password: data.password } })).token!
    }
    const [applicant, applicant2, probationary] = [
      await login('受众缓存甲', 'applicant'),
      await login('受众缓存乙', 'applicant'),
      await login('受众缓存丙', 'probationary'),
    ]
    const { rows } = await pool.query<{ id: number }>(
      `SELECT id FROM courses WHERE _status = 'published' AND audience_all_stages AND audience_all_organizations ORDER BY id LIMIT 1`,
    )
    const id = rows[0].id

    const seen = (await asPage(applicant, id)) as Course
    expect(seen.id).toBe(id)
    // Another person of the same audience: the very object kept, not read again.
    expect(await asPage(applicant2, id)).toBe(seen)
    expect((await asPage(probationary, id))?.id).toBe(id)
    // A visitor may not read courses (members only): refused, kept or not.
    await expect(asPage(null, id)).rejects.toThrow()

    // Narrowed to applicants only, by a change to its stage list alone (any writer): the notice
    // drops every kept read, and the probationary member no longer gets it.
    const before = changeCount('content_items')
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(`INSERT INTO courses_audience_stages ("order", parent_id, value) VALUES (1, $1, 'applicant')`, [id])
      await client.query(`UPDATE courses SET audience_all_stages = false WHERE id = $1`, [id])
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    try {
      await noticeAfter(before)
      expect((await asPage(applicant, id))?.id).toBe(id)
      expect(await asPage(probationary, id)).toBeNull()

      // The stage list changed alone (the main row untouched) is heard too.
      const again = changeCount('content_items')
      await pool.query(`DELETE FROM courses_audience_stages WHERE parent_id = $1`, [id])
      await pool.query(`INSERT INTO courses_audience_stages ("order", parent_id, value) VALUES (1, $1, 'probationary')`, [id])
      await noticeAfter(again)
      expect(await asPage(applicant, id)).toBeNull()
      expect((await asPage(probationary, id))?.id).toBe(id)
    } finally {
      await pool.query(`DELETE FROM courses_audience_stages WHERE parent_id = $1`, [id])
      await pool.query(`UPDATE courses SET audience_all_stages = true WHERE id = $1`, [id])
    }
  })
})

describe("首页's daily quiz", () => {
  it('is read once for an audience and read again as soon as a quiz changes, whoever changed it', async () => {
    const org = (await payload.find({ collection: 'organizations', where: { code: { equals: 'B-INFO-UG1' } }, depth: 0 })).docs[0].id
    const member = (id: number): Member => ({
      id,
      collection: 'users',
      name: '每日答题测试',
      roles: ['member'],
      politicalStage: 'probationary',
      organization: org,
      active: true,
      interests: [],
    })
    const first = await dailyQuiz(payload, member(900_001))
    expect(first?.mode).toBe('daily')
    // Another person of the same audience: the same list, not read again.
    expect(await dailyQuiz(payload, member(900_002))).toBe(first)

    const seen = changeCount('content_items')
    const pool = poolOf(payload)
    await pool.query(`UPDATE quizzes SET title = title || '（已修改）' WHERE id = $1`, [first!.id])
    try {
      await noticeAfter(seen)
      const again = await dailyQuiz(payload, member(900_001))
      expect(again?.id).toBe(first!.id)
      expect(again?.title).toBe(`${first!.title}（已修改）`)
    } finally {
      await pool.query(`UPDATE quizzes SET title = $2 WHERE id = $1`, [first!.id, first!.title])
    }
  })
})
