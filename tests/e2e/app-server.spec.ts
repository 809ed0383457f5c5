import { expect, test } from '@playwright/test'

/**
 * The app server runs several worker processes (node:cluster, WEB_CONCURRENCY; the test harness
 * starts two). Rate limits must still count once per server, not once per worker: a password-reset
 * request is allowed 3 times per account in 15 minutes, so the 4th is refused whichever worker
 * answers it. Each request on its own connection, so the cluster spreads them over the workers.
 */
test('the worker processes share one rate-limit count: the 4th password reset for an account is a 429', async ({ request }) => {
  const email = `reset-${Date.now()}@test.edu.cn`
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) {
    const res = await request.post('/api/users/forgot-password', { data: { email }, headers: { Connection: 'close' } })
    statuses.push(res.status())
  }
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
  expect(statuses[3]).toBe(429)
})
