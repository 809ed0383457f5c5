import { GRAPHQL_POST, REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import config from '../../../payload.config'
import {
  demoUser,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  tokenFor,
} from '../../helpers/payload'

let payload: Payload
const users: Record<string, TestUser> = {}
const as = (user: TestUser) => ({ user, overrideAccess: false as const, depth: 0 })
const ANSWER_KEYS = ['isCorrect', 'trueFalseAnswer', 'explanation', 'answer']

/** Every key with a non-empty value anywhere in the JSON. */
const keysWithValues = (value: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) value.forEach((v) => keysWithValues(v, out))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) out.add(k)
      keysWithValues(v, out)
    }
  }
  return out
}

beforeAll(async () => {
  payload = await testPayload()
  for (const n of ['member', 'curator', 'reviewer2', 'editor']) users[n] = await demoUser(`${n}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('question answers stay hidden from members', () => {
  it('through the Local API', async () => {
    const { docs } = await payload.find({ collection: 'questions', ...as(users.member), limit: 0 })
    expect(docs.length).toBeGreaterThanOrEqual(8)
    expect(docs.some((d) => d.options?.length)).toBe(true)
    const keys = keysWithValues(docs)
    for (const k of ANSWER_KEYS) expect(keys.has(k)).toBe(false)
  })

  it('through REST', async () => {
    const token = await tokenFor('member@demo.edu.cn')
    const res = await REST_GET(config)(
      new Request('http://localhost/api/questions?limit=100&depth=0', { headers: { Authorization: `JWT ${token}` } }),
      { params: Promise.resolve({ slug: ['questions'] }) },
    )
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.docs.length).toBeGreaterThanOrEqual(8)
    const keys = keysWithValues(body.docs)
    for (const k of ANSWER_KEYS) expect(keys.has(k)).toBe(false)
  })

  it('through GraphQL, even when asked for by name', async () => {
    const token = await tokenFor('member@demo.edu.cn')
    const query =
      '{ Questions(limit: 100) { docs { stem trueFalseAnswer explanation options { text isCorrect } fillInAnswers { answer } } } }'
    const res = await GRAPHQL_POST(config)(
      new Request('http://localhost/api/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
        body: JSON.stringify({ query }),
      }),
    )
    const body = (await res.json()) as { data?: { Questions?: { docs: unknown[] } } }
    const docs = body.data?.Questions?.docs ?? []
    expect(docs.length).toBeGreaterThanOrEqual(8)
    const keys = keysWithValues(docs)
    for (const k of ANSWER_KEYS) expect(keys.has(k)).toBe(false)
    expect(keys.has('stem')).toBe(true)
  })

  it('while curators and reviewers see them, and anonymous visitors see nothing', async () => {
    for (const who of ['curator', 'reviewer2']) {
      const { docs } = await payload.find({ collection: 'questions', ...as(users[who]), limit: 0 })
      const keys = keysWithValues(docs)
      for (const k of ANSWER_KEYS) expect(keys.has(k)).toBe(true)
    }
    await rejectsWithStatus(payload.find({ collection: 'questions', overrideAccess: false }), 403)
  })
})

describe('writing questions', () => {
  it('is for curators; an ambiguous question is refused with the reason', async () => {
    const data = {
      type: 'single' as const,
      difficulty: 'easy' as const,
      stem: '党的最高领导机关是？',
      options: [
        { text: '党的全国代表大会和它所产生的中央委员会', isCorrect: true },
        { text: '中央纪律检查委员会', isCorrect: true },
      ],
    }
    await rejectsWithStatus(payload.create({ collection: 'questions', data, ...as(users.editor) }), 403)
    await rejectsWithStatus(payload.create({ collection: 'questions', data, ...as(users.member) }), 403)
    await rejectsWithFieldError(payload.create({ collection: 'questions', data, ...as(users.curator) }), /恰好有 1 个正确选项/)
    const ok = await payload.create({
      collection: 'questions',
      data: { ...data, options: [data.options[0], { ...data.options[1], isCorrect: false }] },
      ...as(users.curator),
    })
    expect(ok.options?.filter((o) => o.isCorrect)).toHaveLength(1)
    await rejectsWithFieldError(
      payload.update({ collection: 'questions', id: ok.id, data: { type: 'multiple' }, ...as(users.curator) }),
      /多选题/,
    )
    await payload.delete({ collection: 'questions', id: ok.id, ...as(users.curator) })
  })
})
