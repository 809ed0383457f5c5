import { afterEach, describe, expect, it } from 'vitest'

import { applyClockState, nextClockState, now, testClockEnabled } from '../../src/clock'

const saved = process.env.TEST_CLOCK
afterEach(() => {
  process.env.TEST_CLOCK = '1'
  applyClockState(null)
  if (saved === undefined) delete process.env.TEST_CLOCK
  else process.env.TEST_CLOCK = saved
})

describe('the study clock (src/clock.ts)', () => {
  it('is the real time and cannot be moved unless TEST_CLOCK=1', () => {
    delete process.env.TEST_CLOCK
    expect(testClockEnabled()).toBe(false)
    expect(() => applyClockState({ anchorReal: Date.now(), anchorClock: Date.now() + 3_600_000, rate: 16 })).toThrow(/TEST_CLOCK/)
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50)
  })

  it('with TEST_CLOCK=1 runs at a rate, jumps forward, never back, and resets to the real time', async () => {
    process.env.TEST_CLOCK = '1'
    applyClockState(nextClockState({ rate: 16 }))
    const a = now().getTime()
    await new Promise((r) => setTimeout(r, 200))
    const elapsed = now().getTime() - a
    expect(elapsed).toBeGreaterThan(16 * 190)
    expect(elapsed).toBeLessThan(16 * 400)
    // Back to rate 1 continues from where the fast clock got to.
    const before = now().getTime()
    applyClockState(nextClockState({ rate: 1 }))
    expect(now().getTime()).toBeGreaterThanOrEqual(before)
    applyClockState(nextClockState({ advanceSeconds: 600 }))
    expect(now().getTime() - Date.now()).toBeGreaterThan(600_000)
    applyClockState(nextClockState({ reset: true }))
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50)
    // The state is shared through globalThis, so a second copy of the module reads the same clock.
    applyClockState(nextClockState({ advanceSeconds: 60 }))
    const key = Symbol.for('smart-party-learning.clock')
    expect((globalThis as unknown as Record<symbol, unknown>)[key]).toBeTruthy()
  })
})
