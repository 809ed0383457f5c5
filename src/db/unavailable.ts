import type { AfterErrorHook, Payload } from 'payload'
import type { Pool } from 'pg'
import { replicaPools } from './replicas'
import { errorBody } from '../http/errorBody'

/** What a person reads when PostgreSQL is unreachable (restarting, failing over, overloaded). */
export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时不可用，请稍后重试'

// Socket errors, and PostgreSQL's SQLSTATEs for a server shutting down or starting up (57P01–57P03),
// connection failures (class 08) and too many connections (53300).
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
])
// pg and pg-pool report some of these only in the message.
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection due to administrator command/i

/**
 * Whether an error means the database could not be reached, however deeply it was wrapped (Drizzle
 * wraps pg's error in `cause`; a refused connection can arrive as an AggregateError).
 */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const seen = new Set<unknown>()
  const stack: unknown[] = [error]
  while (stack.length) {
    const e = stack.pop() as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | null | undefined
    if (!e || typeof e !== 'object' || seen.has(e) || seen.size > 20) continue
    seen.add(e)
    if (typeof e.code === 'string' && CODES.has(e.code)) return true
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true
    stack.push(e.cause)
    if (Array.isArray(e.errors)) stack.push(...e.errors)
  }
  return false
}

/**
 * The REST API's answer while the database is down: 503 with a Chinese message, not a 500 — nor a
 * 401/403 for a signed-in person whose user Payload could not read (see databaseDown).
 */
export const databaseUnavailableAfterError: AfterErrorHook = async ({ error, req }) => {
  const unavailable = { status: 503, response: errorBody(DATABASE_UNAVAILABLE_MESSAGE) }
  if (isDatabaseUnavailable(error)) return unavailable
  const status = (error as { status?: number }).status
  if (
    (status === 401 || status === 403) &&
    req?.payload &&
    req.headers &&
    !req.user &&
    carriesToken(req.headers, req.payload.config.cookiePrefix) &&
    (await databaseDown(req.payload))
  ) {
    return unavailable
  }
}

const guarded = new WeakSet<Pool>()

/**
 * When PostgreSQL closes connections (a restart, a failover), pg emits 'error' on the pool for an
 * idle connection and on the client itself for one checked out between two queries (a transaction
 * waiting on other work); with no listener Node treats either as an uncaught exception and the whole
 * app server exits. Here the pool's is logged (it drops that connection and opens new ones once the
 * database is back) and a client's is left to its user, whose next query fails with the error.
 */
export const keepPoolAlive = (pool: Pool, warn: (message: string) => void = console.warn) => {
  if (guarded.has(pool)) return
  guarded.add(pool)
  pool.on('error', (error) => warn(`数据库连接中断（${(error as Error).message}）：连接池将在数据库恢复后重新连接`))
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
}

/** Payload's `onInit`: guard the Postgres adapter's pool and its read replicas' (see keepPoolAlive). */
export const keepPayloadPoolAlive = (payload: Payload) => {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  for (const p of [pool, ...replicaPools(payload)]) if (p) keepPoolAlive(p, (message) => payload.logger.warn(message))
}

/**
 * Payload's JWT strategy reads the user from the database and takes a failure there for "not signed
 * in". An endpoint that finds no user on a request carrying a token asks this before answering 401.
 */
export const databaseDown = async (payload: Payload): Promise<boolean> => {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (!pool) return false
  try {
    await pool.query('SELECT 1')
    return false
  } catch (error) {
    return isDatabaseUnavailable(error)
  }
}

/** Whether the request carries a session token (header or Payload's cookie). */
export const carriesToken = (headers: Pick<Headers, 'get'>, cookiePrefix = 'payload') =>
  /^(JWT|Bearer)\s/i.test(headers.get('authorization') ?? '') || (headers.get('cookie') ?? '').includes(`${cookiePrefix}-token=`)

/**
 * For `.catch()` on a read where "not found" is a fine answer to a missing record: the database
 * being down is not "not found" (nor something to cache), so that error goes on to the caller.
 */
export const nullUnlessUnavailable = (error: unknown): null => {
  if (isDatabaseUnavailable(error)) throw error
  return null
}
