import cluster from 'node:cluster'

import type { Pool } from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

import { workerCounter, type LimiterOptions } from './clusterLimits'
import { clearRateLimits } from './queries'
import { HttpError } from '../http/errors'

/**
 * Rate limits per account and per source address (等保 2.0: 防暴力破解, 资源控制). By default kept in
 * memory: a burst costs no database round trip. The app server's worker processes on one machine
 * share one count, kept by the primary process (src/auth/clusterLimits.ts, APP_CLUSTER=1 set by
 * scripts/server.ts). With several instances (machines) behind a balancer,
 * RATE_LIMIT_STORE=postgres counts in PostgreSQL instead (table rate_limits, one upsert per check),
 * so N instances allow the figure once, not N times. Per-address limits are generous because a
 * campus network puts thousands of people behind one address.
 * RATE_LIMIT_SCALE multiplies every figure (the load test runs 500 members from one address).
 */
type Rule = { points: number; seconds: number }
const RULES = {
  login: { account: { points: 10, seconds: 60 }, address: { points: 60, seconds: 60 } },
  forgotPassword: { account: { points: 3, seconds: 15 * 60 }, address: { points: 20, seconds: 15 * 60 } },
  heartbeat: { account: { points: 30, seconds: 60 }, address: { points: 6000, seconds: 60 } },
  quiz: { account: { points: 20, seconds: 60 }, address: { points: 1200, seconds: 60 } },
} satisfies Record<string, { account: Rule; address: Rule }>
export type LimitKind = keyof typeof RULES

const LABELS: Record<LimitKind, string> = { login: '登录', forgotPassword: '找回密码', heartbeat: '学习进度上报', quiz: '答题' }

const scale = () => Math.max(1, Number(process.env.RATE_LIMIT_SCALE) || 1)
/** How many requests a limit allows in its window, scale included. */
export const limitPoints = (kind: LimitKind, by: 'account' | 'address') => RULES[kind][by].points * scale()

/** A limiter's options by its name ("heartbeat:account"): the cluster primary counts by name. */
export const limiterOptions = (name: string): LimiterOptions => {
  const [kind, by] = name.split(':') as [LimitKind, 'account' | 'address']
  const rule = RULES[kind]?.[by]
  if (!rule) throw new Error(`未知的限流：${name}`)
  return { points: limitPoints(kind, by), duration: rule.seconds }
}

/** The one channel to the cluster primary in this worker process (created on first use). */
let clusterCheck: ReturnType<typeof workerCounter> | null = null

export type RateLimitStore = 'memory' | 'postgres'
/** RATE_LIMIT_STORE, checked at start: a typo must not quietly fall back to per-instance counting. */
export const rateLimitStore = (value: string | undefined): RateLimitStore => {
  const v = (value ?? '').trim().toLowerCase()
  if (v === '' || v === 'memory') return 'memory'
  if (v === 'postgres') return 'postgres'
  throw new Error(`RATE_LIMIT_STORE 只能是 memory 或 postgres（现为 ${value}）`)
}

/** The table every PostgreSQL limiter shares (keys carry the limiter's prefix); created by a migration. */
export const RATE_LIMIT_TABLE = 'rate_limits'

/**
 * One set of limiters. With a pool they count in PostgreSQL; if the database cannot be reached for
 * a check, the same figures are counted in this process meanwhile (the insurance limiter): the
 * request then meets the database's real state (a 503) instead of an error from the limiter, and
 * an outage loosens the limits to per-instance counting, never lifts them.
 */
export const createRateLimits = (pool?: Pool) => {
  const limiters = new Map<string, { consume(key: string): Promise<unknown> }>()
  const limiterFor = (kind: LimitKind, by: 'account' | 'address') => {
    const key = `${kind}:${by}`
    let limiter = limiters.get(key)
    if (!limiter) {
      const options = { keyPrefix: key, points: limitPoints(kind, by), duration: RULES[kind][by].seconds }
      if (pool) {
        limiter = new RateLimiterPostgres({
          ...options,
          storeClient: pool,
          storeType: 'pool',
          tableName: RATE_LIMIT_TABLE,
          tableCreated: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      } else {
        limiter = cluster.isWorker && process.env.APP_CLUSTER === '1' ? clusterLimiter(key) : new RateLimiterMemory(options)
      }
      limiters.set(key, limiter)
    }
    return limiter
  }

  /** Counts one request; throws RateLimitError (429) when the account or the address is over its limit. */
  const consume = async (kind: LimitKind, who: { account?: string | number | null; address?: string | null }) => {
    const checks: Array<Promise<unknown>> = []
    if (who.account != null && who.account !== '') checks.push(limiterFor(kind, 'account').consume(String(who.account).toLowerCase()))
    if (who.address) checks.push(limiterFor(kind, 'address').consume(who.address))
    const outcomes = await Promise.allSettled(checks)
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
    if (refused) {
      if (refused.reason instanceof RateLimiterRes)
        throw new RateLimitError(kind, Math.max(1, Math.ceil(refused.reason.msBeforeNext / 1000)))
      throw refused.reason
    }
  }

  /** Forget every counter (tests). */
  const reset = async () => {
    limiters.clear()
    if (pool) await clearRateLimits(pool)
  }
  return { consume, reset }
}

/** A limiter counted in the cluster primary; refuses like rate-limiter-flexible's (a RateLimiterRes with msBeforeNext). */
const clusterLimiter = (name: string) => ({
  consume: async (key: string) => {
    clusterCheck ??= workerCounter()
    const wait = await clusterCheck([name, key])
    if (wait > 0) throw new RateLimiterRes(0, wait)
  },
})

let current = createRateLimits()

/**
 * At start (onInit): with RATE_LIMIT_STORE=postgres the platform's limits count in this pool.
 * Until then (and by default) they count in memory.
 */
export const configureRateLimits = (pool: Pool) => {
  if (rateLimitStore(process.env.RATE_LIMIT_STORE) === 'postgres') current = createRateLimits(pool)
}

export class RateLimitError extends HttpError {
  readonly retryAfter: number
  constructor(kind: LimitKind, retryAfterSeconds: number) {
    super(429, `${LABELS[kind]}请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, { headers: { 'Retry-After': String(retryAfterSeconds) } })
    this.retryAfter = retryAfterSeconds
  }
}

/** Counts one request; throws RateLimitError (429) when the account or the address is over its limit. */
export const consume: ReturnType<typeof createRateLimits>['consume'] = (kind, who) => current.consume(kind, who)

/** Forget every counter (tests). */
export const resetRateLimits = () => current.reset()
