import type { Payload } from 'payload'
import type { Pool, PoolClient } from 'pg'

type WithPool = Payload['db'] & { pool: Pool }
const hasPool = (db: Payload['db']): db is WithPool => 'pool' in db && db.pool != null

/** The PostgreSQL pool of Payload's adapter (@payloadcms/db-postgres, the only adapter payload.config.ts sets). */
export const poolOf = (payload: Payload): Pool => {
  if (!hasPool(payload.db)) throw new Error('数据库适配器没有连接池：本平台只支持 PostgreSQL（@payloadcms/db-postgres）')
  return payload.db.pool
}

/** Runs `work` in one transaction on a connection of its own: committed, or rolled back on error. `begin` may set transaction options. */
export const inTransaction = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> => {
  const client = await pool.connect()
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
