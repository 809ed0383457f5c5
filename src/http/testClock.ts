import { applyClockState, CLOCK_MESSAGE, nextClockState, now, testClockEnabled, type ClockState } from '../clock'
import { HttpError } from './errors'
import { defineRoute, type Reply } from './route'

/**
 * GET|POST /api/test/clock — TEST_CLOCK=1 only (src/clock.ts): the end-to-end tests read and move
 * the clock study crediting reads. Without TEST_CLOCK=1 it answers 404 like any unknown path.
 * Under the app server's cluster, a setting goes to the primary, which relays it to every worker
 * (this one included); the answer waits for that, so the next request sees the new clock anywhere.
 */
const relayed: Array<() => void> = []
let listening = false

/** A worker that never set the clock itself still follows the others' settings. */
export const followClusterClock = () => {
  if (!testClockEnabled() || !process.send || listening) return
  listening = true
  process.on('message', (message: { type?: string; state?: ClockState | null }) => {
    if (message?.type !== CLOCK_MESSAGE) return
    applyClockState(message.state ?? null)
    relayed.splice(0).forEach((done) => done())
  })
}

const setEverywhere = async (change: { rate?: number; advanceSeconds?: number; reset?: boolean }) => {
  const state = nextClockState(change)
  applyClockState(state)
  if (!process.send) return
  followClusterClock()
  await new Promise<void>((resolve) => {
    relayed.push(resolve)
    process.send!({ type: CLOCK_MESSAGE, state })
  })
}

const reading = (): Reply => ({ json: { now: now().toISOString(), real: new Date().toISOString() } })

const enabled = () => {
  if (!testClockEnabled()) throw new HttpError(404, '未找到该接口')
}

export const testClockRoutes = [
  defineRoute({
    method: 'get',
    path: '/test/clock',
    callers: 'anyone',
    fast: true,
    handler: async () => {
      enabled()
      return reading()
    },
  }),
  defineRoute({
    method: 'post',
    path: '/test/clock',
    callers: 'anyone',
    fast: true,
    handler: async (_req, { text }) => {
      enabled()
      let body: { rate?: unknown; advanceSeconds?: unknown; reset?: unknown }
      try {
        body = JSON.parse((await text()) || '{}')
      } catch {
        throw new HttpError(400, '请求内容不是有效的 JSON')
      }
      const rate = typeof body.rate === 'number' && body.rate > 0 && body.rate <= 100 ? body.rate : undefined
      const advanceSeconds = typeof body.advanceSeconds === 'number' && body.advanceSeconds >= 0 ? body.advanceSeconds : undefined
      await setEverywhere({ rate, advanceSeconds, reset: body.reset === true })
      return reading()
    },
  }),
]
