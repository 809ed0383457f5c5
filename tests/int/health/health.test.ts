import { REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { useSearchHost } from '../../../src/search/client'
import { releasePayload, testPayload } from '../../helpers/payload'
import { poolOf } from '../../../src/db/pool'

const get = (path: string) => REST_GET(config)(new Request(`http://localhost/api/${path}`), { params: Promise.resolve({ slug: [path] }) })
let payload: Awaited<ReturnType<typeof testPayload>>

beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  useSearchHost(null)
  await releasePayload(payload)
})

describe('health and readiness', () => {
  it('report the process alive, and ready while database, Meilisearch and queue answer', async () => {
    const health = await get('health')
    expect(health.status).toBe(200)
    expect((await health.json()).status).toBe('ok')
    // `npm test` shares one database among all files and runs no queue: after ten minutes the jobs
    // earlier files queued are overdue. Set those aside for this check (and put them back after).
    const pool = poolOf(payload)
    const aside = await pool.query<{ id: number; wait_until: Date | null }>(
      `WITH overdue AS (
         SELECT id, wait_until FROM payload_jobs WHERE completed_at IS NULL AND has_error IS NOT TRUE AND processing IS NOT TRUE
            AND coalesce(wait_until, created_at) < now() - interval '10 minutes' FOR UPDATE)
       UPDATE payload_jobs j SET wait_until = now() + interval '1 day' FROM overdue WHERE j.id = overdue.id
       RETURNING overdue.id, overdue.wait_until`,
    )
    try {
      await expectReady()
    } finally {
      for (const row of aside.rows) await pool.query('UPDATE payload_jobs SET wait_until = $2 WHERE id = $1', [row.id, row.wait_until])
    }
  })

  it('answer 503 naming the queue when a job has waited over ten minutes past its time', async () => {
    const job = await payload.jobs.queue({ task: 'branchCheck', input: {}, waitUntil: new Date(Date.now() - 20 * 60_000) })
    try {
      const ready = await get('ready')
      expect(ready.status).toBe(503)
      const body = await ready.json()
      expect(body.checks.jobs.ok).toBe(false)
      expect(body.checks.jobs.detail).toMatch(/个任务逾期未运行/)
    } finally {
      await payload.delete({ collection: 'payload-jobs', id: job.id })
    }
  })
})

/** Ready: database, Meilisearch and the queue (nothing waiting ten minutes past its time) all answer. */
const expectReady = async () => {
  const ready = await get('ready')
  const body = await ready.json()
  expect(body.checks.database.ok).toBe(true)
  expect(body.checks.meilisearch.ok).toBe(true)
  expect(body.checks.jobs.ok).toBe(true)
  expect(ready.status).toBe(200)
  expect(body.status).toBe('ready')
}

describe('readiness without Meilisearch', () => {
  it('answer 503 naming Meilisearch when it cannot be reached', async () => {
    useSearchHost('http://127.0.0.1:9')
    try {
      const ready = await get('ready')
      expect(ready.status).toBe(503)
      const body = await ready.json()
      expect(body.status).toBe('unavailable')
      expect(body.checks.meilisearch.ok).toBe(false)
      expect(body.checks.database.ok).toBe(true)
    } finally {
      useSearchHost(null)
    }
  })
})
