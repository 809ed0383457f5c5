import type { Payload, PayloadRequest } from 'payload'
import type { PoolClient } from 'pg'

/**
 * The pg client behind the request's own transaction (Payload's drizzle session), for set-based
 * statements with array parameters (unnest), which drizzle's sql template would spread into one
 * parameter per element. Everything written here commits or rolls back with the request's
 * Local API writes (audit rows, organisation counts).
 */
export const requestClient = async (payload: Payload, req: PayloadRequest): Promise<Pick<PoolClient, 'query'>> => {
  const id = req.transactionID ? await req.transactionID : undefined
  const adapter = payload.db as unknown as { sessions?: Record<string, { db: { session?: { client?: PoolClient } } }> }
  const client = id !== undefined ? adapter.sessions?.[String(id)]?.db.session?.client : undefined
  if (!client) throw new Error('导入必须在请求的事务中进行')
  return client
}
