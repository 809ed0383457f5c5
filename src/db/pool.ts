import type { Payload } from 'payload'
import type { Pool } from 'pg'

type WithPool = Payload['db'] & { pool: Pool }
const hasPool = (db: Payload['db']): db is WithPool => 'pool' in db && db.pool != null

/** The PostgreSQL pool of Payload's adapter (@payloadcms/db-postgres, the only adapter payload.config.ts sets). */
export const poolOf = (payload: Payload): Pool => {
  if (!hasPool(payload.db)) throw new Error('数据库适配器没有连接池：本平台只支持 PostgreSQL（@payloadcms/db-postgres）')
  return payload.db.pool
}
