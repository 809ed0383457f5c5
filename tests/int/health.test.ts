import { REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../payload.config'
import { closePayload } from '../../src/db/migrate'
import { useSearchHost } from '../../src/search/client'
import { testPayload } from '../helpers/payload'

const get = (path: string) => REST_GET(config)(new Request(`http://localhost/api/${path}`), { params: Promise.resolve({ slug: [path] }) })
let payload: Awaited<ReturnType<typeof testPayload>>

beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  useSearchHost(null)
  await closePayload(payload)
})

describe('health and readiness', () => {
  it('report the process alive, and ready while database, Meilisearch and queue answer', async () => {
    const health = await get('health')
    expect(health.status).toBe(200)
    expect((await health.json()).status).toBe('ok')
    const ready = await get('ready')
    const body = await ready.json()
    expect(body.checks.database.ok).toBe(true)
    expect(body.checks.meilisearch.ok).toBe(true)
    // Nothing in this fresh database has waited ten minutes past its time.
    expect(body.checks.jobs.ok).toBe(true)
    expect(ready.status).toBe(200)
    expect(body.status).toBe('ready')
  })

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
