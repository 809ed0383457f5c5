import type { Payload, PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { openTransaction, query, transact } from '../../../src/db/transaction'

/** A stand-in for @payloadcms/drizzle's transaction sessions: each records the SQL run on its connection. */
const fakePayload = () => {
  const log: string[] = []
  const sessions: Record<string, { db: { session: { client: { query: (text: string) => Promise<{ rows: unknown[] }> } } } }> = {}
  const ended: Array<[string, 'commit' | 'rollback']> = []
  const options: unknown[] = []
  let n = 0
  const db = {
    sessions,
    pool: { query: async (text: string) => (log.push(`pool: ${text}`), { rows: [] }) },
    beginTransaction: async (config?: unknown) => {
      const id = `t${++n}`
      options.push(config)
      sessions[id] = { db: { session: { client: { query: async (text: string) => (log.push(`${id}: ${text}`), { rows: [] }) } } } }
      return id
    },
    commitTransaction: async (id: string) => {
      if (sessions[id]) ended.push([id, 'commit'])
      delete sessions[id]
    },
    rollbackTransaction: async (id: string) => {
      if (sessions[id]) ended.push([id, 'rollback'])
      delete sessions[id]
    },
  }
  const payload = { db } as unknown as Payload
  const req = () => ({ payload, context: {} }) as unknown as PayloadRequest
  return { payload, req, log, ended, options }
}

describe('transact', () => {
  it("begins the request's transaction, runs raw SQL on its connection and commits it", async () => {
    const { req, log, ended } = fakePayload()
    const r = req()
    const result = await transact(r, async (tx) => {
      expect(tx.req).toBe(r)
      expect(await tx.req.transactionID).toBe('t1')
      await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [1])
      return 42
    })
    expect(result).toBe(42)
    expect(log).toEqual(['t1: SELECT 1 FROM users WHERE id = $1 FOR UPDATE'])
    expect(ended).toEqual([['t1', 'commit']])
    expect(r.transactionID).toBeUndefined()
  })

  it('kills the transaction it began on error and rethrows', async () => {
    const { req, ended } = fakePayload()
    const r = req()
    await expect(transact(r, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused')
    expect(ended).toEqual([['t1', 'rollback']])
    expect(r.transactionID).toBeUndefined()
  })

  it('joins an open transaction and leaves ending it to its owner', async () => {
    const { req, log, ended } = fakePayload()
    const r = req()
    await transact(r, async (outer) => {
      await transact(outer.req, (inner) => inner.query('SELECT 2'))
      expect(ended).toEqual([])
      await expect(transact(outer.req, async () => Promise.reject(new Error('inner')))).rejects.toThrow('inner')
      expect(ended).toEqual([])
    })
    expect(log).toEqual(['t1: SELECT 2'])
    expect(ended).toEqual([['t1', 'commit']])
  })

  it('with savepoint, undoes only the joined work on error and the outer transaction goes on', async () => {
    const { req, log, ended } = fakePayload()
    await transact(req(), async (outer) => {
      await expect(
        transact(
          outer.req,
          async (tx) => {
            await tx.query('INSERT 1')
            throw new Error('award failed')
          },
          { savepoint: true },
        ),
      ).rejects.toThrow('award failed')
      await outer.query('UPDATE 2')
    })
    expect(log).toHaveLength(4)
    expect(log.slice(1)).toEqual(['t1: INSERT 1', log[2], 't1: UPDATE 2'])
    expect(log[0]).toMatch(/^t1: SAVEPOINT transact_\d+$/)
    expect(log[2]).toBe(log[0].replace('SAVEPOINT', 'ROLLBACK TO SAVEPOINT'))
    expect(ended).toEqual([['t1', 'commit']])
  })

  it('passes transaction options to the transaction it begins', async () => {
    const { req, options } = fakePayload()
    await transact(req(), async () => undefined, { isolationLevel: 'repeatable read', accessMode: 'read only' })
    expect(options).toEqual([{ isolationLevel: 'repeatable read', accessMode: 'read only', deferrable: undefined }])
  })

  it('refuses raw SQL once the transaction has been killed (its connection is no longer this one)', async () => {
    const { req, payload, log } = fakePayload()
    await expect(
      transact(req(), async (tx) => {
        await payload.db.rollbackTransaction(await tx.req.transactionID!)
        delete tx.req.transactionID
        await tx.query('UPDATE users SET name = $1', ['x'])
      }),
    ).rejects.toThrow('数据库事务已结束')
    expect(log).toEqual([])
  })
})

describe('openTransaction', () => {
  it('holds the transaction across steps until commit or rollback', async () => {
    const { req, log, ended } = fakePayload()
    const r = req()
    const t = await openTransaction(r)
    await t.query('SELECT pg_advisory_xact_lock(1)')
    expect(ended).toEqual([])
    await t.rollback()
    expect(ended).toEqual([['t1', 'rollback']])
    expect(log).toEqual(['t1: SELECT pg_advisory_xact_lock(1)'])
  })
})

describe('query', () => {
  it("runs on the request's transaction when it has one, else on the pool", async () => {
    const { req, payload, log } = fakePayload()
    await query(payload, 'SELECT 1')
    await query(req(), 'SELECT 2')
    await transact(req(), (tx) => query(tx.req, 'SELECT 3'))
    expect(log).toEqual(['pool: SELECT 1', 'pool: SELECT 2', 't1: SELECT 3'])
  })
})
