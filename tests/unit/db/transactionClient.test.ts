import type { Pool } from 'pg'
import { describe, expect, it } from 'vitest'

import { transactionClient } from '../../../src/db/transactionClient'

/** A stand-in pool of `max` connections that records how many are out at once. */
const fakePool = (max: number) => {
  let out = 0
  let peak = 0
  const pool = {
    options: { max },
    connect: async () => {
      out++
      peak = Math.max(peak, out)
      return { release: () => void out-- }
    },
  }
  return { pool: pool as unknown as Pool, peak: () => peak, out: () => out }
}

describe('transactionClient', () => {
  it('lets hand-written transactions hold at most half the pool, so the reads they wait for always get a connection', async () => {
    const { pool, peak, out } = fakePool(10)
    const work = async () => {
      const client = await transactionClient(pool)
      await new Promise((r) => setTimeout(r, 5))
      client.release()
    }
    await Promise.all(Array.from({ length: 40 }, work))
    expect(peak()).toBe(5)
    expect(out()).toBe(0)
  })

  it('gives the slot back once however often release is called', async () => {
    const { pool, peak } = fakePool(2)
    const a = await transactionClient(pool)
    a.release()
    a.release()
    const b = await transactionClient(pool)
    const waiting = transactionClient(pool)
    let got = false
    void waiting.then(() => (got = true))
    await new Promise((r) => setTimeout(r, 10))
    expect(got).toBe(false)
    b.release()
    ;(await waiting).release()
    expect(peak()).toBe(1)
  })
})
