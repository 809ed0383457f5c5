import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { searchClient, useSearchHost } from '../../../src/search/client'

/**
 * Waiting for a Meilisearch task polls it every 50 ms. With the client's `timeout` option, each poll
 * left an abort listener on the wait's signal: a task taking over half a second printed
 * MaxListenersExceededWarning (about 130 of them a start). A fake Meilisearch answers "processing" 40 times.
 */
let server: http.Server
let polls = 0

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json')
    if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('{}'), 8_000)
    res.end(JSON.stringify({ uid: 7, taskUid: 7, status: ++polls < 40 ? 'processing' : 'succeeded' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  useSearchHost(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
afterAll(async () => {
  useSearchHost(null)
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

it('waits out a slow task without piling listeners on one signal', async () => {
  const warnings: string[] = []
  const onWarning = (w: Error) => warnings.push(w.name)
  process.on('warning', onWarning)
  try {
    const task = await searchClient().tasks.waitForTask(7, { timeout: 10_000, interval: 1 })
    expect(task.status).toBe('succeeded')
    expect(polls).toBe(40)
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve))
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  } finally {
    process.off('warning', onWarning)
  }
})

it('still bounds each request (5 s)', async () => {
  const started = Date.now()
  await expect(searchClient().httpRequest.get({ path: 'slow' })).rejects.toThrow(/has failed/)
  expect(Date.now() - started).toBeGreaterThanOrEqual(4_500)
  expect(Date.now() - started).toBeLessThan(7_500)
}, 15_000)
