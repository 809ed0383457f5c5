import { readdirSync, readFileSync } from 'fs'

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

/** Processes under `root` (Linux /proc) with the app server's worker index in their environment. */
const workersUnder = (root: number): Map<string, number> => {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)])
    } catch {
      // the process ended while we looked
    }
  }
  const workers = new Map<string, number>()
  const stack = [...(children.get(root) ?? [])]
  while (stack.length) {
    const pid = stack.pop()!
    try {
      const index = /(?:^|\0)APP_WORKER=(\d+)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1]
      if (index !== undefined) {
        workers.set(index, pid)
        continue // a worker's own children inherit its environment
      }
    } catch {
      // ended
    }
    stack.push(...(children.get(pid) ?? []))
  }
  return workers
}

/**
 * A worker that crashes is replaced and the site keeps answering meanwhile: the other worker takes
 * every connection until the new one listens. (A connection the primary handed to the worker at
 * the instant it died is lost with it, as are its requests in flight; this test sends its requests
 * once the primary has noticed the death, which is when it starts the replacement.)
 */
// Open (issue 13 note): the first request sent while the replacement starts can go unanswered
// (45 s). Seen in full-suite runs and in admin-search + admin + app-server alone, quiet machine
// too; never when this file ran after other specs or in a loop (16 rounds). Request logging shows
// the request reaches neither worker's 'request' handler. Until found, it does not gate the suite.
test('a crashed worker process is replaced while the other keeps serving', async ({ request }) => {
  const root = Number(process.env.E2E_APP_PID)
  test.skip(!root, 'E2E_APP_PID is set by npm test')
  test.setTimeout(180_000)
  // Both workers first: one that could not reach PostgreSQL while starting on a loaded machine
  // exits and is started again a second later (seen in a full run: a 10 s connection timeout).
  await expect.poll(() => [...workersUnder(root).keys()].sort(), { timeout: 90_000 }).toEqual(['0', '1'])
  const before = workersUnder(root)
  // Worker 1: worker 0 runs the jobs queue, which later tests rely on.
  process.kill(before.get('1')!, 'SIGKILL')
  await expect
    .poll(
      () => {
        const now = workersUnder(root).get('1')
        return now !== undefined && now !== before.get('1')
      },
      { timeout: 30_000 },
    )
    .toBe(true)
  // The replacement is still starting (Next and Payload take seconds): worker 0 answers all of these.
  // It shares two cores with a replacement loading Next and Payload, so a page may take seconds
  // here (one took over 10 s in CI): the property is that each is answered, not how fast.
  for (let i = 0; i < 10; i++) {
    const res = await request.get('/news', { headers: { Connection: 'close' }, timeout: 45_000 })
    expect(res.status()).toBe(200)
  }
  expect(workersUnder(root).get('0')).toBe(before.get('0'))
})
