import { REST_POST } from '@payloadcms/next/routes'
import { Pool } from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { createRateLimits, limitPoints, RateLimitError, resetRateLimits } from '../../../src/auth/rateLimit'
import { closePayload } from '../../../src/db/migrate'
import { poolOf } from '../../../src/db/pool'
import { testPayload, unique } from '../../helpers/payload'

/**
 * RATE_LIMIT_STORE=postgres (src/auth/rateLimit.ts): instances that count in one database allow a
 * limit once in total, not once each. "Instances" here are limiter sets built apart, each on a pool
 * of its own, as two app servers would have; then the platform itself, started with the setting.
 */
const saved = process.env.RATE_LIMIT_STORE
let payload: Payload
const pools: Pool[] = []
const newPool = (connectionString = process.env.DATABASE_URL, extra = {}) => {
  const pool = new Pool({ connectionString, max: 4, ...extra })
  pool.on('error', () => {})
  pools.push(pool)
  return pool
}
/** Tries n times, alternating between the sets; how many were allowed. */
const allowedOf = async (sets: Array<ReturnType<typeof createRateLimits>>, n: number, account: string) => {
  const outcomes = await Promise.allSettled(Array.from({ length: n }, (_, i) => sets[i % sets.length].consume('login', { account })))
  for (const o of outcomes) if (o.status === 'rejected' && !(o.reason instanceof RateLimitError)) throw o.reason
  return outcomes.filter((o) => o.status === 'fulfilled').length
}

beforeAll(async () => {
  // Read at start (onInit): set before Payload starts in this test process.
  process.env.RATE_LIMIT_STORE = 'postgres'
  payload = await testPayload()
})
afterAll(async () => {
  await resetRateLimits()
  if (saved === undefined) delete process.env.RATE_LIMIT_STORE
  else process.env.RATE_LIMIT_STORE = saved
  await Promise.all(pools.map((p) => p.end()))
  await closePayload(payload)
})

describe('limits counted in PostgreSQL', () => {
  const limit = limitPoints('login', 'account')

  it('two instances allow the limit once in total, one after the other and all at once', async () => {
    const sets = [createRateLimits(newPool()), createRateLimits(newPool())]
    expect(await allowedOf(sets, limit + 5, unique('seq'))).toBe(limit)
    // Concurrent attempts through both: the upsert counts each exactly once.
    expect(await allowedOf(sets, limit * 3, unique('burst'))).toBe(limit)
    // The one refused is told in Chinese when to try again.
    const account = unique('told')
    await allowedOf(sets, limit, account)
    await expect(sets[1].consume('login', { account })).rejects.toMatchObject({
      status: 429,
      message: expect.stringMatching(/^登录请求过于频繁，请 \d+ 秒后再试$/),
    })
  })

  it('in memory (the default) each instance counts alone: the limit twice (what the setting is for)', async () => {
    expect(await allowedOf([createRateLimits(), createRateLimits()], limit * 3, unique('mem'))).toBe(limit * 2)
  })

  it('with the database unreachable, a set still limits, counting in its own memory meanwhile', async () => {
    const dead = createRateLimits(newPool('postgres://nobody@127.0.0.1:1/none', { connectionTimeoutMillis: 300 }))
    expect(await allowedOf([dead], limit + 3, unique('down'))).toBe(limit)
  })

  it('costs one database round trip a check (measured, printed)', async () => {
    const timeOf = async (set: ReturnType<typeof createRateLimits>) => {
      const ms: number[] = []
      for (let i = 0; i < 200; i++) {
        const t = performance.now()
        await set.consume('heartbeat', { account: unique('t'), address: '10.99.0.1' })
        ms.push(performance.now() - t)
      }
      ms.sort((x, y) => x - y)
      return { median: ms[100].toFixed(2), p95: ms[190].toFixed(2) }
    }
    const pg = await timeOf(createRateLimits(newPool()))
    const memory = await timeOf(createRateLimits())
    console.log(
      `rate-limit check (account + address), ms: postgres median ${pg.median} p95 ${pg.p95}; memory median ${memory.median} p95 ${memory.p95}`,
    )
  })

  it('the platform started with RATE_LIMIT_STORE=postgres counts its logins there', async () => {
    const email = `${unique('nobody')}@test.edu.cn`
    const login = (i: number) =>
      REST_POST(config)(
        new Request('http://localhost/api/users/login', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-real-ip': `10.77.${i}.1` },
          body: JSON.stringify({ email, password: 'Wrong#Pass99' }),
        }),
        { params: Promise.resolve({ slug: ['users', 'login'] }) },
      )
    const statuses: number[] = []
    for (let i = 0; i <= limit; i++) statuses.push((await login(i)).status)
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true)
    expect(statuses[limit]).toBe(429)
    const { rows } = await poolOf(payload).query(`SELECT points FROM rate_limits WHERE key = $1`, [`login:account:${email}`])
    expect(rows[0]?.points).toBe(limit + 1)
    // A second instance on the same database refuses the same account at once.
    await expect(createRateLimits(newPool()).consume('login', { account: email })).rejects.toBeInstanceOf(RateLimitError)
  })
})
