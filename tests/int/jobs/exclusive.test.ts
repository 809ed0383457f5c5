import { REST_GET } from '@payloadcms/next/routes'
import { Client } from 'pg'
import { BasePayload, getPayload, type Payload, type SanitizedConfig, type TaskHandler } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { closePayload } from '../../../src/db/migrate'
import { poolOf } from '../../../src/db/pool'
import { QUEUE_LOCK_CLASS } from '../../../src/jobs/exclusive'
import { DEMO_PASSWORD } from '../../../seed/people'
import { personData, unique } from '../../helpers/payload'

/**
 * One queue runner at a time across instances (src/jobs/exclusive.ts). Three Payload instances on
 * one database, each with its own pool, as three app servers would be: A and B guarded as the
 * platform runs, U without the guard (onInit skipped) to show what the guard prevents. The
 * `branchCheck` task's handler is replaced here by one that records each execution (which instance,
 * when) in a table and takes a moment, so concurrent runners would overlap. Each test uses a queue of its own.
 */
const RUNS = 'test_job_runs'
let base: SanitizedConfig
let counting: SanitizedConfig
let a: Payload
let b: Payload
let u: Payload

const countRun: TaskHandler<'branchCheck'> = async ({ input, job, req }) => {
  const started = new Date()
  await new Promise((r) => setTimeout(r, 150))
  const runner = req.payload === a ? 'a' : req.payload === b ? 'b' : 'u'
  await poolOf(req.payload).query(`INSERT INTO ${RUNS} (queue, key, runner, started) VALUES ($1, $2, $3, $4)`, [
    job.queue,
    input.period,
    runner,
    started,
  ])
  return { output: {} }
}

const queueJobs = async (queue: string, n: number) => {
  const keys = Array.from({ length: n }, (_, i) => `${queue}-${i}`)
  for (const period of keys) await a.jobs.queue({ task: 'branchCheck', input: { period }, queue })
  return keys
}
const runsPerKey = async (queue: string) => {
  const { rows } = await poolOf(a).query<{ key: string; n: number }>(
    `SELECT key, count(*)::int AS n FROM ${RUNS} WHERE queue = $1 GROUP BY key ORDER BY key`,
    [queue],
  )
  return Object.fromEntries(rows.map((r) => [r.key, r.n]))
}
const pending = async (queue: string) =>
  Number((await poolOf(a).query(`SELECT count(*) FROM payload_jobs WHERE queue = $1 AND completed_at IS NULL`, [queue])).rows[0].count)

beforeAll(async () => {
  base = await config
  counting = {
    ...base,
    jobs: { ...base.jobs, tasks: base.jobs.tasks!.map((t) => (t.slug === 'branchCheck' ? { ...t, handler: countRun } : t)) },
  }
  a = await new BasePayload().init({ config: counting })
  b = await new BasePayload().init({ config: counting })
  u = await new BasePayload().init({ config: counting, disableOnInit: true })
  await poolOf(a).query(
    `CREATE TABLE IF NOT EXISTS ${RUNS} (queue text NOT NULL, key text NOT NULL, runner text NOT NULL, started timestamptz NOT NULL, ended timestamptz NOT NULL DEFAULT clock_timestamp())`,
  )
})

afterAll(async () => {
  await poolOf(a).query(`DROP TABLE IF EXISTS ${RUNS}`)
  for (const p of [a, b, u]) if (p) await closePayload(p)
  // The instance Next's REST handler made (getPayload's cached one).
  await closePayload(await getPayload({ config: counting }))
})

describe('two runners racing on one queue', () => {
  it('without the guard, Payload 3.90 hands the same job to both runners (why the guard exists)', async () => {
    // A race shows only when both runners read the pending jobs before either marks them processing:
    // usually at the first try, but a full run once saw the two reads apart (5 December 2026). Up to
    // five fresh queues; one double run is the proof.
    let most = 0
    for (let attempt = 0; attempt < 5 && most < 2; attempt++) {
      const queue = unique('race-unguarded')
      const keys = await queueJobs(queue, 6)
      // The second to finish a job finds it deleted by the first: Payload's run may fail on that too.
      await Promise.allSettled([u.jobs.run({ queue, limit: 10 }), u.jobs.run({ queue, limit: 10 })])
      const runs = await runsPerKey(queue)
      expect(Object.keys(runs).sort()).toEqual(keys.sort())
      most = Math.max(...Object.values(runs))
    }
    expect(most).toBeGreaterThan(1)
  })

  it('with the guard, two instances racing run each job exactly once, one runner after the other', async () => {
    const queue = unique('race-guarded')
    const keys = await queueJobs(queue, 6)
    // Whichever locks first takes three, the other waits, then takes the other three.
    const results = await Promise.all([a.jobs.run({ queue, limit: 3 }), b.jobs.run({ queue, limit: 3 })])
    expect(results.filter((r) => 'skipped' in r)).toEqual([])
    expect(await pending(queue)).toBe(0)
    expect(await runsPerKey(queue)).toEqual(Object.fromEntries(keys.map((k) => [k, 1])))
    // Both instances ran some, and never at the same time: no execution by A overlaps one by B.
    const { rows } = await poolOf(a).query<{ runner: string; n: number }>(
      `SELECT runner, count(*)::int AS n FROM ${RUNS} WHERE queue = $1 GROUP BY runner ORDER BY runner`,
      [queue],
    )
    expect(rows.map((r) => r.runner)).toEqual(['a', 'b'])
    const overlaps = await poolOf(a).query(
      `SELECT 1 FROM ${RUNS} x JOIN ${RUNS} y ON x.queue = y.queue AND x.runner = 'a' AND y.runner = 'b' WHERE x.queue = $1 AND tstzrange(x.started, x.ended) && tstzrange(y.started, y.ended)`,
      [queue],
    )
    expect(overlaps.rowCount).toBe(0)
  })

  it('runByID takes the lock of the job’s queue too', async () => {
    const queue = unique('race-byid')
    await queueJobs(queue, 1)
    const { rows } = await poolOf(a).query<{ id: number }>(`SELECT id FROM payload_jobs WHERE queue = $1`, [queue])
    await Promise.all([a.jobs.runByID({ id: rows[0].id }), b.jobs.runByID({ id: rows[0].id }), a.jobs.run({ queue })])
    expect(Object.values(await runsPerKey(queue))).toEqual([1])
  })

  it('a runner waits for the queue while another holds it, and runs once that one is gone (the lock goes with its connection)', async () => {
    const queue = unique('race-crash')
    const [key] = await queueJobs(queue, 1)
    const holder = new Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [QUEUE_LOCK_CLASS, queue])
    const waiting = a.jobs.run({ queue })
    await new Promise((r) => setTimeout(r, 500))
    expect(await runsPerKey(queue)).toEqual({})
    await holder.end() // as if its process were killed
    expect(await waiting).not.toHaveProperty('skipped')
    expect(await runsPerKey(queue)).toEqual({ [key]: 1 })
  })

  it('gives up after JOBS_LOCK_WAIT_MS and skips its turn', async () => {
    const queue = unique('race-wait')
    await queueJobs(queue, 1)
    const holder = new Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [QUEUE_LOCK_CLASS, queue])
    const saved = process.env.JOBS_LOCK_WAIT_MS
    process.env.JOBS_LOCK_WAIT_MS = '300'
    try {
      expect(await a.jobs.run({ queue })).toHaveProperty('skipped')
      expect(await runsPerKey(queue)).toEqual({})
    } finally {
      if (saved === undefined) delete process.env.JOBS_LOCK_WAIT_MS
      else process.env.JOBS_LOCK_WAIT_MS = saved
      await holder.end()
    }
  })
})

describe('GET /api/payload-jobs/run', () => {
  const get = (token: string, queue: string) =>
    REST_GET(counting)(
      new Request(`http://localhost/api/payload-jobs/run?queue=${queue}`, { headers: { Authorization: `JWT ${token}` } }),
      {
        params: Promise.resolve({ slug: ['payload-jobs', 'run'] }),
      },
    )

  it('answers 409 while another instance runs the queue, runs it once free; a member may not run it at all', async () => {
    const queue = unique('race-rest')
    const [key] = await queueJobs(queue, 1)
    const admin = (await a.login({ collection: 'users', data: { email: 'sysadmin@demo.edu.cn', password: DEMO_PASSWORD } })).token!
    const data = personData('队列试探者')
    await a.create({ collection: 'users', data })
    const member = (await a.login({ collection: 'users', data: { email: data.email, password: data.password } })).token!

    const holder = new Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [QUEUE_LOCK_CLASS, queue])
    try {
      const busy = await get(admin, queue)
      expect(busy.status).toBe(409)
      expect((await busy.json()).message).toMatch(/另一个实例正在运行任务队列/)
      // The denial side: refused before the lock is even looked at.
      expect((await get(member, queue)).status).toBe(401)
    } finally {
      await holder.end()
    }
    expect(await runsPerKey(queue)).toEqual({})
    expect((await get(member, queue)).status).toBe(401)
    expect(await runsPerKey(queue)).toEqual({})
    expect((await get(admin, queue)).status).toBe(200)
    expect(await runsPerKey(queue)).toEqual({ [key]: 1 })
  })
})
