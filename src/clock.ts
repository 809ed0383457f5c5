/**
 * The one clock study crediting reads ("now" for a heartbeat, and whatever else needs the time of
 * study). It is the real time, unless the process runs with TEST_CLOCK=1: then the end-to-end tests
 * may move it (scripts/server.ts answers POST /api/test/clock and relays the setting to every
 * cluster worker), e.g. run it 16 times as fast while Chromium plays a 5-minute video at 16× speed,
 * so the video is studied for five minutes by the server's clock in 19 s of the test's. Without
 * TEST_CLOCK=1 nothing can change it and the control does not exist (404).
 *
 * The state lives on globalThis: Next's bundle and the app server's fast path load this module
 * separately within one process, and both must read the same clock.
 */
export type ClockState = {
  /** Real time (ms) at which the state was set. */
  anchorReal: number
  /** The clock's time (ms) at that moment. */
  anchorClock: number
  /** Clock seconds per real second. */
  rate: number
}

const KEY = Symbol.for('smart-party-learning.clock')
const store = globalThis as unknown as { [KEY]?: ClockState | null }

/** Whether this process may have its clock moved (tests only). */
export const testClockEnabled = () => process.env.TEST_CLOCK === '1'

/**
 * The real time in ms (never the test clock), for server components that compare against it: a
 * plain function outside the component, since React's purity rule forbids `Date.now()` in render.
 */
export const wallClock = (): number => Date.now()

/** The time for study crediting: real time unless a test moved it. */
export const now = (): Date => {
  const s = testClockEnabled() ? store[KEY] : null
  if (!s) return new Date()
  return new Date(s.anchorClock + (Date.now() - s.anchorReal) * s.rate)
}

/**
 * The state after a change asked for by a test: a new rate (continuing from the current time, so the
 * clock never jumps back), a jump forward, or `reset` (back to the real time at rate 1).
 */
export const nextClockState = (change: { rate?: number; advanceSeconds?: number; reset?: boolean }): ClockState | null => {
  if (change.reset) return null
  const current = store[KEY]
  const at = Date.now()
  const clock = now().getTime() + Math.max(0, change.advanceSeconds ?? 0) * 1000
  return { anchorReal: at, anchorClock: clock, rate: change.rate ?? current?.rate ?? 1 }
}

/** Applies a state (from this process or relayed from another worker). Refused unless TEST_CLOCK=1. */
export const applyClockState = (state: ClockState | null) => {
  if (!testClockEnabled()) throw new Error('测试时钟未启用（TEST_CLOCK=1）')
  store[KEY] = state
}

/** The message scripts/server.ts relays between cluster workers. */
export const CLOCK_MESSAGE = 'test-clock'
