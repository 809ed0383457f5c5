import { searchClient } from '../search/client'
import { poolOf } from '../db/pool'
import { defineRoute } from '../http/route'
import { overdueJobs, ping } from './queries'

type Check = { ok: boolean; ms: number; detail?: string }

const timed = async (f: () => Promise<string | undefined>): Promise<Check> => {
  const t = performance.now()
  try {
    const detail = await Promise.race([f(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('超时（2 秒）')), 2000))])
    return { ok: true, ms: Math.round(performance.now() - t), ...(detail ? { detail } : {}) }
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - t), detail: error instanceof Error ? error.message.slice(0, 200) : '不可用' }
  }
}

/** GET /api/health — liveness: the process answers. No dependencies are touched. */
const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  callers: 'anyone',
  handler: async () =>
    Response.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }, { headers: { 'Cache-Control': 'no-store' } }),
})

/**
 * GET /api/ready — readiness: the database answers, Meilisearch reports itself available, and the
 * job queue is not stuck (no queued job waiting more than 10 minutes past its time). 503 with the
 * failing part named when any is not; nothing personal in the answer.
 */
const readyRoute = defineRoute({
  method: 'get',
  path: '/ready',
  callers: 'anyone',
  handler: async (req) => {
    const pool = poolOf(req.payload)
    const [database, meilisearch, jobs] = await Promise.all([
      timed(async () => {
        await ping(pool)
        return undefined
      }),
      timed(async () => {
        const h = await searchClient().health()
        if (h.status !== 'available') throw new Error(`状态 ${h.status}`)
        return undefined
      }),
      timed(async () => {
        const n = await overdueJobs(pool)
        if (n > 0) throw new Error(`${n} 个任务逾期未运行`)
        return undefined
      }),
    ])
    const ok = database.ok && meilisearch.ok && jobs.ok
    return Response.json(
      { status: ok ? 'ready' : 'unavailable', checks: { database, meilisearch, jobs } },
      { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    )
  },
})

export const healthRoutes = [healthRoute, readyRoute]
