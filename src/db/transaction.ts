import { sql } from '@payloadcms/db-postgres'
import type { SQL } from 'drizzle-orm'
import type { Payload, PayloadRequest } from 'payload'

type Executor = { execute: (query: SQL) => Promise<{ rows: Array<Record<string, unknown>> }> }

/**
 * Raw SQL on the request's own transaction (what @payloadcms/drizzle's internal getTransaction
 * does). A separate connection could wait forever on rows the request's transaction has locked.
 */
export const executeInRequest = async (payload: Payload, req: Partial<PayloadRequest> | undefined, query: SQL) => {
  const adapter = payload.db as unknown as { drizzle: Executor; sessions?: Record<string, { db: Executor }> }
  const id = req?.transactionID ? await req.transactionID : undefined
  const db = (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
  return db.execute(query)
}

export { sql }
