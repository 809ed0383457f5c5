import type { Endpoint, Payload, PayloadHandler } from 'payload'
import type { Pool } from 'pg'

import { poolOf } from '../db/pool'
import { jobQueue, jobStillPending, releaseQueueLock, tryQueueLock } from './queries'

/**
 * One runner per queue across every instance. Payload 3.90's runJobs reads the pending jobs, then
 * marks them `processing` in a second statement: two runners ticking together both read the same
 * jobs and both run them (the processing-token fix is only in 4.0). Every way this project runs
 * the queue (autoRun crons in the app servers and `npm run worker`, payload.jobs.run/runByID, the
 * /api/payload-jobs/run endpoint) first takes a PostgreSQL session-level advisory lock per queue
 * on a connection of its own; a runner that finds it taken waits for it (up to JOBS_LOCK_WAIT_MS),
 * then runs or skips its turn; the endpoint answers 409 at once. A session lock, not a lease row:
 * if the holder's process dies, PostgreSQL drops the lock with the connection, so nobody waits
 * for a timeout.
 */

/** First half of the two-int advisory key, so these locks never clash with other advisory locks. */
export const QUEUE_LOCK_CLASS = 0x6a6f6273 // 'jobs'

type RunArgs = { queue?: string; allQueues?: boolean }

/**
 * The queues a run touches, each to be locked. `allQueues` locks every queue this config knows
 * (autoRun's; sorted, so two all-queue runners never lock in opposite orders). A job in a queue no
 * autoRun names is then unguarded: only tests run all queues.
 */
export const queuesToLock = (args: RunArgs | undefined, knownQueues: readonly string[]): string[] => {
  if (args?.allQueues) return [...new Set(['default', ...knownQueues])].sort()
  return [args?.queue || 'default']
}

export type Locked<T> = { ran: true; value: T } | { ran: false; busyQueue: string }

/**
 * How long payload.jobs.run waits for a queue another runner holds before skipping its turn
 * (JOBS_LOCK_WAIT_MS, default 30 s). Waiting, not skipping at once: an explicit run (a script, a
 * test, an operator) then runs after the other one instead of silently doing nothing; a cron tick
 * that waits is not repeated meanwhile (Payload's crons do not overlap themselves).
 */
export const queueLockWaitMs = () => {
  const ms = Number(process.env.JOBS_LOCK_WAIT_MS)
  return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms) : 30_000
}

/** Runs `work` holding every queue's lock; if one stays held elsewhere longer than waitMs, does not run it. */
export const withQueueLocks = async <T>(pool: Pool, queues: readonly string[], work: () => Promise<T>, waitMs = 0): Promise<Locked<T>> => {
  const client = await pool.connect()
  const held: string[] = []
  let broken: Error | undefined
  try {
    // Tried every 100 ms until waitMs has passed, by this process's monotonic clock. (It waited in
    // pg_advisory_lock under lock_timeout before; one full test run saw that wait end after 0.2 s of
    // 30, which a run of the file alone did not repeat: no server timer or session setting now.)
    const tryLock = (queue: string) => tryQueueLock(client, QUEUE_LOCK_CLASS, queue)
    for (const queue of queues) {
      const deadline = performance.now() + waitMs
      let locked = await tryLock(queue)
      while (!locked && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - performance.now()))))
        locked = await tryLock(queue)
      }
      if (!locked) return { ran: false, busyQueue: queue }
      held.push(queue)
    }
    return { ran: true, value: await work() }
  } finally {
    try {
      for (const queue of held) await releaseQueueLock(client, QUEUE_LOCK_CLASS, queue)
    } catch (error) {
      // Closing the connection releases its locks as surely as unlocking does.
      broken = error as Error
    }
    client.release(broken)
  }
}

const knownQueues = (payload: Payload): string[] => {
  const autoRun = payload.config.jobs.autoRun
  return Array.isArray(autoRun) ? autoRun.map((c) => c.queue ?? 'default') : []
}

/** What a skipped run answers (Payload's own shape, plus why). */
const skipped = (busyQueue: string) => ({
  noJobsRemaining: false,
  remainingJobsFromQueried: 0,
  skipped: `另一个实例正在运行任务队列 ${busyQueue}，本次跳过`,
})

const GUARDED = Symbol.for('party.jobs.guarded')

/** Wraps payload.jobs.run and runByID with the queue lock (onInit, before Payload starts its crons). */
export const guardQueueRunners = (payload: Payload) => {
  const jobs = payload.jobs as Payload['jobs'] & { [GUARDED]?: true }
  if (jobs[GUARDED]) return
  const run = jobs.run
  const runByID = jobs.runByID
  // Payload declares these as returning Promise<Promise<RunJobsResult>>; the casts keep its shape.
  jobs.run = (async (args: Parameters<typeof run>[0]) => {
    const outcome = await withQueueLocks(poolOf(payload), queuesToLock(args, knownQueues(payload)), () => run(args), queueLockWaitMs())
    if (!outcome.ran) payload.logger.debug(skipped(outcome.busyQueue).skipped)
    return outcome.ran ? outcome.value : skipped(outcome.busyQueue)
  }) as unknown as typeof run
  jobs.runByID = (async (args: Parameters<typeof runByID>[0]) => {
    const queue = await jobQueue(poolOf(payload), args.id)
    const runIfStillPending = async () => {
      // After waiting, the job may be done (and deleted) by the runner that held the queue: Payload's
      // runByID would fail on it.
      return (await jobStillPending(poolOf(payload), args.id)) ? runByID(args) : { noJobsRemaining: true, remainingJobsFromQueried: 0 }
    }
    const outcome = await withQueueLocks(poolOf(payload), [queue || 'default'], runIfStillPending, queueLockWaitMs())
    return outcome.ran ? outcome.value : skipped(outcome.busyQueue)
  }) as unknown as typeof runByID
  jobs[GUARDED] = true
}

/** The same lock around Payload's GET /api/payload-jobs/run, not waited for: 409 while another runner holds it. */
export const guardRunEndpoint = (endpoint: Endpoint): Endpoint => {
  if (endpoint.path !== '/run') return endpoint
  const handler: PayloadHandler = async (req) => {
    // Refused callers are answered by Payload's handler without touching the lock.
    const allowed = req.payload.config.jobs.access?.run
    if (!allowed || !(await allowed({ req }))) return endpoint.handler(req)
    const query = req.query as { queue?: string; allQueues?: string }
    const args = { queue: query.queue, allQueues: query.allQueues != null && query.allQueues !== 'false' }
    const outcome = await withQueueLocks(poolOf(req.payload), queuesToLock(args, knownQueues(req.payload)), async () =>
      endpoint.handler(req),
    )
    if (outcome.ran) return outcome.value
    return Response.json({ message: skipped(outcome.busyQueue).skipped, noJobsRemaining: false }, { status: 409 })
  }
  return { ...endpoint, handler }
}
