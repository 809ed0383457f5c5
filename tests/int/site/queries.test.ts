import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { changeCount } from '../../../src/db/notify'
import { poolOf } from '../../../src/db/pool'
import { dailyQuiz } from '../../../src/site/queries'
import type { Member } from '../../../src/study/read'
import { releasePayload, testPayload } from '../../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
}, 120_000)
afterAll(async () => {
  await releasePayload(payload)
})

const noticeAfter = async (seen: number) => {
  for (const until = Date.now() + 5000; changeCount('content_items') === seen && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 50))
  expect(changeCount('content_items')).toBeGreaterThan(seen)
}

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
