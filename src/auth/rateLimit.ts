import cluster from 'node:cluster'

import { type RateLimiterAbstract, RateLimiterCluster, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/**
 * Rate limits per account and per source address (等保 2.0: 防暴力破解, 资源控制). Kept in memory: a
 * burst costs no database round trip. The app server's worker processes on one machine share one
 * count, kept by the primary process (rate-limiter-flexible's cluster mode, APP_CLUSTER=1 set by
 * scripts/server.ts); with N machines behind a balancer the effective limit is N times the figure
 * (documented in SECURITY.md). Per-address limits are
 * generous because a campus network puts thousands of people behind one address.
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
const limiters = new Map<string, RateLimiterAbstract>()
const limiterFor = (kind: LimitKind, by: 'account' | 'address') => {
  const key = `${kind}:${by}`
  let limiter = limiters.get(key)
  if (!limiter) {
    const rule = RULES[kind][by]
    const options = { keyPrefix: key, points: rule.points * scale(), duration: rule.seconds }
    limiter = cluster.isWorker && process.env.APP_CLUSTER === '1' ? new RateLimiterCluster({ ...options, timeoutMs: 3000 }) : new RateLimiterMemory(options)
    limiters.set(key, limiter)
  }
  return limiter
}

export class RateLimitError extends Error {
  status = 429
  retryAfter: number
  constructor(kind: LimitKind, retryAfterSeconds: number) {
    super(`${LABELS[kind]}请求过于频繁，请 ${retryAfterSeconds} 秒后再试`)
    this.retryAfter = retryAfterSeconds
  }
}

/** Counts one request; throws RateLimitError (429) when the account or the address is over its limit. */
export const consume = async (kind: LimitKind, who: { account?: string | number | null; address?: string | null }) => {
  const checks: Array<Promise<unknown>> = []
  if (who.account != null && who.account !== '') checks.push(limiterFor(kind, 'account').consume(String(who.account).toLowerCase()))
  if (who.address) checks.push(limiterFor(kind, 'address').consume(who.address))
  const outcomes = await Promise.allSettled(checks)
  const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
  if (refused) {
    if (refused.reason instanceof RateLimiterRes) throw new RateLimitError(kind, Math.max(1, Math.ceil(refused.reason.msBeforeNext / 1000)))
    throw refused.reason
  }
}

/** Forget every counter (tests). */
export const resetRateLimits = () => limiters.clear()
