import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import { loadSensitiveWords, scanFields } from '../../../src/workflow/sensitiveWords'
import {
  demoUser,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  unique,
} from '../../helpers/payload'

let payload: Payload
const users: Record<string, TestUser> = {}
const as = (user: TestUser) => ({ user, overrideAccess: false as const, depth: 0 })

beforeAll(async () => {
  payload = await testPayload()
  for (const n of ['member', 'editor', 'security', 'sysadmin', 'reviewer1']) users[n] = await demoUser(`${n}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('sensitive-word list', () => {
  it('is maintained by the security administrator alone', async () => {
    const word = unique('违禁示例')
    const doc = await payload.create({
      collection: 'sensitive-words',
      data: { word: `  ${word}  `, category: 'other' },
      ...as(users.security),
    })
    expect(doc.word).toBe(word)
    await rejectsWithStatus(payload.create({ collection: 'sensitive-words', data: { word: unique('x') }, ...as(users.editor) }), 403)
    await rejectsWithStatus(payload.create({ collection: 'sensitive-words', data: { word: unique('x') }, ...as(users.sysadmin) }), 403)
    await rejectsWithStatus(payload.update({ collection: 'sensitive-words', id: doc.id, data: { note: '改' }, ...as(users.editor) }), 403)
    await rejectsWithFieldError(
      payload.create({ collection: 'sensitive-words', data: { word: '   ' }, ...as(users.security) }),
      /不能只有空格/,
    )
    await payload.delete({ collection: 'sensitive-words', id: doc.id, ...as(users.security) })
  })

  it('is readable by editors and reviewers, not by members', async () => {
    expect((await payload.find({ collection: 'sensitive-words', ...as(users.editor) })).totalDocs).toBeGreaterThan(0)
    expect((await payload.find({ collection: 'sensitive-words', ...as(users.reviewer1) })).totalDocs).toBeGreaterThan(0)
    await rejectsWithStatus(payload.find({ collection: 'sensitive-words', ...as(users.member) }), 403)
    await rejectsWithStatus(payload.find({ collection: 'sensitive-words', overrideAccess: false }), 403)
  })

  it('feeds the check with the seeded list', async () => {
    const hits = scanFields({ title: '期末代考服务', body: '正文中出现测试敏感词一次' }, await loadSensitiveWords(payload))
    expect(hits.map((h) => `${h.field}:${h.word}`).sort()).toEqual(['body:测试敏感词', 'title:代考'])
  })
})
