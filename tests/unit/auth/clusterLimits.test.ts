import { fork, type ChildProcess } from 'child_process'
import path from 'path'
import { afterAll, describe, expect, it } from 'vitest'

import { checkAnswerer, type Answer, type Ask } from '../../../src/auth/clusterLimits'

/**
 * The app server's workers count rate limits in the cluster primary (src/auth/clusterLimits.ts), with
 * the checks of one event-loop turn sent as one IPC message. Two real processes stand in for the
 * workers, this one for the primary, over real IPC channels.
 */
const children: ChildProcess[] = []
afterAll(() => children.forEach((c) => c.kill()))

const worker = async (answer: ReturnType<typeof checkAnswerer>, counted: { messages: number }) => {
  const child = fork(path.join(__dirname, 'fixtures/limitWorker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  children.push(child)
  await new Promise<void>((resolve) => {
    child.on('message', (m: Ask | { ready?: boolean }) => {
      if ('ready' in m) return resolve()
      if ('checks' in m) counted.messages++
      answer(m as Ask, (a: Answer) => child.send(a))
    })
  })
  return (n: number, key: string) =>
    new Promise<{ done: number; refusedWait: number }>((resolve) => {
      const on = (m: { done?: number; refusedWait?: number }) => {
        if (m.done === undefined) return
        child.off('message', on)
        resolve(m as { done: number; refusedWait: number })
      }
      child.on('message', on)
      child.send({ run: { n, key } })
    })
}

describe('rate limits counted in the cluster primary', () => {
  it('hold exactly across two worker processes, each sending its burst as one message', async () => {
    const answer = checkAnswerer(() => ({ points: 30, duration: 60 }))
    const counted = { messages: 0 }
    const [a, b] = await Promise.all([worker(answer, counted), worker(answer, counted)])
    // 50 checks of one account from each worker at once: 30 allowed in all, the rest told how long to wait.
    const [ra, rb] = await Promise.all([a(50, 'member-1'), b(50, 'member-1')])
    expect(ra.done + rb.done).toBe(30)
    expect(Math.max(ra.refusedWait, rb.refusedWait)).toBeGreaterThan(50_000)
    expect(counted.messages).toBe(2)
    // Another account has its own count.
    expect((await a(10, 'member-2')).done).toBe(10)
  }, 30_000)

  it('refuse a check of an unknown limiter instead of counting it under no limit', async () => {
    const answer = checkAnswerer((name) => {
      throw new Error(`未知的限流：${name}`)
    })
    const reply = await new Promise<Answer>((resolve) =>
      answer({ channel: 'app-rate-limits', id: 1, checks: [['nope:account', 'x']] }, resolve),
    )
    expect(reply.results[0]).toBeGreaterThan(0)
  })
})
