import { sql } from '@payloadcms/db-postgres'
import type { SQL } from 'drizzle-orm'
import type { PgTransactionConfig } from 'drizzle-orm/pg-core'
import { commitTransaction, createLocalReq, killTransaction, type Payload, type PayloadRequest } from 'payload'
import type { PoolClient, QueryResult, QueryResultRow } from 'pg'

import { poolOf } from './pool'

/**
 * The project's one data layer: Payload's own request transaction. Raw SQL runs on the request's
 * connection (its drizzle session's pg client), and every Payload call inside gets the same `req`,
 * so both see each other's writes and locks and a transaction never waits on a second pool
 * connection for its own reads (which is what deadlocked the pool when hand-written transactions
 * held one connection and Payload's reads asked for another).
 */

/** Parameterised SQL ($1, $2, …), as node-postgres takes it. */
export type Query = <Row extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]) => Promise<QueryResult<Row>>
/** Anything raw SQL can run on: a transaction (`tx`), or the pool for plain reads. */
export type Queryable = { query: Query }
/** Inside `transact`: the request to pass to every Payload call, and raw SQL on its transaction. */
export type Tx = { req: PayloadRequest; query: Query }
/**
 * Drizzle's transaction config (isolation level, access mode, deferrable), used when this call
 * begins the transaction. `savepoint`: when joining a transaction, run in a savepoint, so a failure
 * undoes only this work and the outer transaction stays usable (for work whose failure is caught).
 */
export type TransactionOptions = PgTransactionConfig & { savepoint?: boolean }

type Executor = { execute: (query: SQL) => Promise<{ rows: Array<Record<string, unknown>> }> }
type Session = { db: Executor & { session?: { client?: PoolClient } } }
type Adapter = {
  drizzle: Executor
  sessions?: Record<string, Session>
  beginTransaction: (options?: PgTransactionConfig) => Promise<null | number | string>
}

const adapterOf = (payload: Payload) => payload.db as unknown as Adapter
/** A request carries its Payload instance; a Payload instance has none. */
const isRequest = (x: Partial<PayloadRequest> | Payload): x is Partial<PayloadRequest> => 'payload' in x

/** The drizzle session of the request's open transaction, if it has one. */
const sessionOf = async (payload: Payload, req: Partial<PayloadRequest> | undefined): Promise<Session | undefined> => {
  const id = req?.transactionID ? await req.transactionID : undefined
  return id !== undefined && id !== null ? adapterOf(payload).sessions?.[String(id)] : undefined
}

/** The pg client under a drizzle node-postgres transaction (drizzle-orm/node-postgres/session.js: NodePgSession.client). */
const clientOf = (session: Session): PoolClient => {
  const client = session.db.session?.client
  if (!client || typeof client.query !== 'function') throw new Error('数据库事务没有可用的连接（需要 @payloadcms/db-postgres）')
  return client
}

const queryOn =
  (client: Pick<PoolClient, 'query'>): Query =>
  (text, params) =>
    client.query(text, params as unknown[] | undefined)

/** Payload's initTransaction, with drizzle's transaction options. True when this call began it. */
const begin = async (req: PayloadRequest, options: PgTransactionConfig | undefined): Promise<boolean> => {
  if (req.transactionID instanceof Promise) {
    // Someone else is beginning it: join theirs.
    await req.transactionID
    return false
  }
  if (req.transactionID) return false
  const config = options && (options.isolationLevel || options.accessMode || options.deferrable !== undefined) ? options : undefined
  const { isolationLevel, accessMode, deferrable } = config ?? {}
  const started = adapterOf(req.payload)
    .beginTransaction(config && { isolationLevel, accessMode, deferrable })
    .then((id) => {
      if (id) req.transactionID = id
      else delete req.transactionID
      return id
    })
  req.transactionID = started as Promise<number | string>
  try {
    return !!(await started)
  } catch (error) {
    delete req.transactionID
    throw error
  }
}

/** A transaction held open across steps (see openTransaction). */
export type OpenTransaction = Tx & {
  /** Whether this call began it (and so ends it); false when it joined the request's open one. */
  began: boolean
  /** Commits it if this call began it. */
  commit: () => Promise<void>
  /** Rolls it back if this call began it. */
  rollback: () => Promise<void>
}

const requestOf = async (reqOrPayload: PayloadRequest | Payload) =>
  isRequest(reqOrPayload) ? (reqOrPayload as PayloadRequest) : await createLocalReq({}, reqOrPayload)

/** A Tx on an open session: its SQL refuses to run once the session has ended. */
const txOn = (req: PayloadRequest, session: Session): Tx => {
  // A Payload call that fails kills the request's transaction (and its connection goes back to the
  // pool): raw SQL after that must not run on a connection that is no longer this transaction's.
  const live = queryOn(clientOf(session))
  return {
    req,
    query: async (text, params) => {
      if ((await sessionOf(req.payload, req)) !== session) throw new Error('数据库事务已结束（事务中的一步已失败并回滚）')
      return live(text, params)
    },
  }
}

/**
 * The same as `transact`, for a transaction that spans steps no single callback holds (an import
 * planned in one request step and written in a later, streamed one): begins the request's
 * transaction or joins the open one; the caller must end it with `commit` or `rollback` (which do
 * nothing when it was joined: its owner ends it).
 */
export const openTransaction = async (
  reqOrPayload: PayloadRequest | Payload,
  options: PgTransactionConfig = {},
): Promise<OpenTransaction> => {
  const req = await requestOf(reqOrPayload)
  const began = await begin(req, options)
  const session = await sessionOf(req.payload, req)
  if (!session) {
    if (began) await killTransaction(req)
    throw new Error('数据库事务未能开始（需要 @payloadcms/db-postgres）')
  }
  return {
    ...txOn(req, session),
    began,
    commit: async () => {
      if (began) await commitTransaction(req)
    },
    rollback: async () => {
      if (began) await killTransaction(req)
    },
  }
}

/** Raw SQL on the request's open transaction, which must exist (for code that only runs inside one). */
export const requestTx = async (req: PayloadRequest): Promise<Tx> => {
  const session = await sessionOf(req.payload, req)
  if (!session) throw new Error('这一步必须在请求的事务中进行')
  return txOn(req, session)
}

let savepoints = 0

/**
 * Runs `work` in the request's transaction: begins it if none is open (and then commits it, or kills
 * it on error and rethrows), or joins the open one (its owner commits or kills it). `tx.query` runs
 * raw SQL on that transaction's connection; pass `tx.req` to every Payload call inside. Given a
 * Payload instance instead of a request, works in a fresh local request (createLocalReq).
 * Locks taken inside (SELECT … FOR UPDATE, pg_advisory_xact_lock) last until the commit.
 */
export const transact = async <T>(
  reqOrPayload: PayloadRequest | Payload,
  work: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> => {
  const { savepoint, ...config } = options
  const t = await openTransaction(reqOrPayload, config)
  const tx: Tx = { req: t.req, query: t.query }
  if (t.began) {
    let result: T
    try {
      result = await work(tx)
    } catch (error) {
      await t.rollback()
      throw error
    }
    await t.commit()
    return result
  }
  if (!savepoint) return work(tx)
  const name = `transact_${++savepoints}`
  await tx.query(`SAVEPOINT ${name}`)
  try {
    const result = await work(tx)
    await tx.query(`RELEASE SAVEPOINT ${name}`)
    return result
  } catch (error) {
    // Unless a Payload call inside already killed the whole transaction (then this refuses to run).
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined)
    throw error
  }
}

/**
 * Raw parameterised SQL on the request's transaction when it has one, else on the pool (a plain
 * read, or a single statement that is its own transaction).
 */
export const query = async <Row extends QueryResultRow = QueryResultRow>(
  reqOrPayload: Partial<PayloadRequest> | Payload,
  text: string,
  params?: unknown[],
): Promise<QueryResult<Row>> => {
  const req = isRequest(reqOrPayload) ? reqOrPayload : undefined
  const payload = req ? req.payload! : (reqOrPayload as Payload)
  const session = await sessionOf(payload, req)
  return session ? clientOf(session).query<Row>(text, params) : poolOf(payload).query<Row>(text, params)
}

/**
 * `query` as a Queryable, for the typed query modules (src/<area>/queries.ts): raw SQL on the
 * request's transaction when it has one, else on the pool. Given a Payload instance: the pool.
 */
export const inRequest = (reqOrPayload: Partial<PayloadRequest> | Payload): Queryable => ({
  query: <Row extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]) => query<Row>(reqOrPayload, text, params),
})

/**
 * A drizzle SQL (`sql\`…\``) on the request's transaction when it has one, else on the pool: the
 * same model as `query`, for the many call sites written with drizzle's template.
 */
export const executeInRequest = async (payload: Payload, req: Partial<PayloadRequest> | undefined, sqlQuery: SQL) =>
  ((await sessionOf(payload, req))?.db ?? adapterOf(payload).drizzle).execute(sqlQuery)

export { sql }
