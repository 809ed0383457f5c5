import { describe, expect, it } from 'vitest'

import {
  coefficientOfVariation,
  detectMember,
  flagKey,
  mergeFlags,
  type Beat,
  type Completion,
  type ItemInfo,
} from '../../../src/integrity/detect'

/** A small seeded random source (mulberry32), so every run sees the same streams. */
const rng = (seed: number) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
/** A normal deviate (Box–Muller). */
const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r())

const DAY = new Date('2026-04-14T00:00:00+08:00')
const at = (seconds: number, from = DAY) => new Date(from.getTime() + seconds * 1000)
const MEMBER = 7

type Stream = { beats: Beat[]; completions: Completion[]; items: Map<string, ItemInfo> }
const empty = (): Stream => ({ beats: [], completions: [], items: new Map() })
const push = (s: Stream, itemId: number, kind: Beat['kind'], t: number, credited: number, position: number | null) =>
  s.beats.push({
    memberId: MEMBER,
    organizationId: 3,
    itemCollection: 'micro-lessons',
    itemId,
    kind,
    at: at(t),
    creditedSeconds: credited,
    position,
  })

/**
 * A clockwork bot: from 09:00, opens video lesson after lesson (5 minutes long, so 270 s needed),
 * sends a beat exactly every 20 s with the position equal to the time since it opened the item,
 * and moves on at once when the item completes.
 */
const clockworkBot = (lessons = 8, interval = 20, jitterMs = 0, seed = 1): Stream => {
  const r = rng(seed)
  const s = empty()
  let t = 9 * 3600
  for (let i = 0; i < lessons; i++) {
    const id = 100 + i
    s.items.set(`micro-lessons:${id}`, { kind: 'video', minSeconds: 270 })
    const open = t
    push(s, id, 'start', t, 0, 0)
    let credited = 0
    while (credited < 270) {
      const dt = interval + (jitterMs ? (r() - 0.5) * 2 * (jitterMs / 1000) : 0)
      t += dt
      credited += dt
      push(s, id, 'heartbeat', t, dt, t - open)
    }
    s.completions.push({ itemCollection: 'micro-lessons', itemId: id, at: at(t) })
  }
  return s
}

/**
 * Honest members: a beat every 20 counted seconds of a 1-second browser timer, arriving with
 * network and timer jitter (σ ≈ 150 ms), tab switches (the beat waits while the tab is hidden),
 * pauses that end sessions, reading at varied speeds, watching videos to the end, re-reading.
 */
const honestMember = (seed: number): Stream => {
  const r = rng(seed)
  const s = empty()
  // Morning and evening sittings.
  let t = (8 + Math.floor(r() * 3)) * 3600 + r() * 1800
  for (let i = 0; i < 8; i++) {
    const id = 200 + i
    const video = r() < 0.5
    const length = 300 + Math.floor(r() * 600)
    const minSeconds = 0.9 * length
    s.items.set(`micro-lessons:${id}`, { kind: video ? 'video' : 'article', minSeconds })
    // Watches to the end (or reads at 0.95–1.6 × the study-reading time), sometimes rewinds or re-reads.
    const target = video ? length * (1 + r() * 0.15) : length * (0.95 + r() * 0.65)
    const open = t
    let latency = 0.05 + r() * 0.2
    push(s, id, 'start', t, 0, 0)
    let credited = 0
    let mediaTime = 0
    let completed = false
    while (credited < target) {
      let dt = 20 + gauss(r) * 0.15
      // A tab switch or a distraction: the timer does not count hidden seconds.
      if (r() < 0.08) dt += 5 + r() * 30
      const prevLatency = latency
      latency = 0.05 + r() * 0.2
      t += dt + (latency - prevLatency)
      const gap = dt + (latency - prevLatency)
      const credit = gap > 60 ? 0 : Math.min(gap, 60)
      credited += credit
      mediaTime += video ? dt - (dt > 25 ? dt - 20 : 0) : 0
      push(s, id, 'heartbeat', t, credit, video ? mediaTime : Math.min(1, (t - open) / length))
      if (!completed && credited >= minSeconds) {
        completed = true
        s.completions.push({ itemCollection: 'micro-lessons', itemId: id, at: at(t) })
      }
      if (r() < 0.03) t += 90 + r() * 600 // a longer break: the session ends
    }
    // Between items: a look at the course page, a drink of tea.
    t += 30 + r() * 400
    if (i === 3) t = 20 * 3600 + r() * 1800
  }
  return s
}

const detect = (s: Stream, thresholds = {}) =>
  detectMember({ memberId: MEMBER, beats: s.beats, completions: s.completions, items: s.items }, thresholds)

describe('study-integrity detector: honest members', () => {
  it('flags none of 200 honest members (jitter, tab switches, pauses, varied speeds, re-reading)', () => {
    const flagged = []
    for (let seed = 1; seed <= 200; seed++) {
      const s = honestMember(seed)
      expect(s.beats.length).toBeGreaterThan(50)
      const flags = detect(s)
      if (flags.length) flagged.push({ seed, kinds: flags.map((f) => f.kind) })
    }
    expect(flagged).toEqual([])
    // The same streams are caught by a threshold ten times looser: the test can fail.
    expect(detect(honestMember(1), { maxRegularCv: 0.05 }).map((f) => f.kind)).toContain('regularBeats')
  })

  it('an honest evening of study spread over a few hours is not "around the clock"', () => {
    const s = empty()
    for (let h = 8; h < 23; h += 2) for (let k = 0; k < 10; k++) push(s, 1, 'heartbeat', h * 3600 + k * 21.3, 20, null)
    expect(detect(s).filter((f) => f.kind === 'aroundTheClock')).toEqual([])
  })
})

describe('study-integrity detector: clockwork bots', () => {
  it('flags a bot with perfectly regular beats, positions in lockstep and completions at the minimum', () => {
    const s = clockworkBot()
    const flags = detect(s)
    const kinds = flags.map((f) => f.kind).sort()
    expect(kinds).toEqual(['lockstepPositions', 'minimumTimeCompletions', 'regularBeats'])
    const regular = flags.find((f) => f.kind === 'regularBeats')!
    expect(regular.memberId).toBe(MEMBER)
    expect(regular.organizationId).toBe(3)
    expect(regular.evidence.coefficientOfVariation).toBeLessThan(0.002)
    expect(regular.evidence.meanIntervalSeconds).toBe(20)
    expect(regular.evidence.summary).toMatch(/心跳间隔几乎完全相同/)
    expect(regular.items.length).toBe(8)
    // Every credited second of the bot is inside the run.
    const total = s.beats.reduce((a, b) => a + b.creditedSeconds, 0)
    expect(regular.secondsAffected).toBeCloseTo(total, 0)
    const lock = flags.find((f) => f.kind === 'lockstepPositions')!
    expect(lock.items.length).toBe(8)
    expect(lock.evidence.summary).toMatch(/播放进度/)
    const minimum = flags.find((f) => f.kind === 'minimumTimeCompletions')!
    expect(minimum.evidence.completions).toBe(8)
    expect(minimum.periodStart.getTime()).toBe(at(9 * 3600).getTime())
  })

  it('still flags a bot whose timer wobbles by a few milliseconds', () => {
    const flags = detect(clockworkBot(8, 20, 5, 42))
    expect(flags.map((f) => f.kind)).toContain('regularBeats')
    expect(flags.find((f) => f.kind === 'regularBeats')!.evidence.coefficientOfVariation).toBeLessThan(0.002)
  })

  it('a bot that studies around the clock is flagged even when its beats are irregular', () => {
    const r = rng(9)
    const s = empty()
    for (let h = 0; h < 24; h++)
      if (h !== 3 && h !== 4) for (let k = 0; k < 6; k++) push(s, 1 + (h % 5), 'heartbeat', h * 3600 + k * 40 + r() * 15, 20, null)
    const flags = detect(s)
    const clock = flags.filter((f) => f.kind === 'aroundTheClock')
    expect(clock).toHaveLength(1)
    expect(clock[0].evidence.distinctHours).toBe(22)
    expect(clock[0].evidence.day).toBe('2026-04-14')
    expect(clock[0].secondsAffected).toBe(22 * 6 * 20)
    expect(clock[0].evidence.summary).toMatch(/22 个不同的小时/)
  })

  it('needs at least 20 regular intervals: a short regular stretch is not flagged', () => {
    const s = empty()
    for (let k = 0; k <= 15; k++) push(s, 1, 'heartbeat', 3600 + k * 20, k ? 20 : 0, null)
    expect(detect(s)).toEqual([])
    for (let k = 16; k <= 25; k++) push(s, 1, 'heartbeat', 3600 + k * 20, 20, null)
    expect(detect(s).map((f) => f.kind)).toEqual(['regularBeats'])
  })

  it('four completions at the minimum are not a run; five are', () => {
    const four = clockworkBot(4, 20, 900, 3)
    expect(detect(four).filter((f) => f.kind === 'minimumTimeCompletions')).toEqual([])
    const five = clockworkBot(5, 20, 900, 3)
    expect(detect(five).filter((f) => f.kind === 'minimumTimeCompletions')).toHaveLength(1)
  })
})

describe('study-integrity detector: helpers', () => {
  it('computes the coefficient of variation', () => {
    expect(coefficientOfVariation([20, 20, 20])).toBe(0)
    expect(coefficientOfVariation([19, 21])).toBeCloseTo(0.05, 6)
  })

  it('merges flags of one kind into one per member, with a stable key per member, kind and day', () => {
    const s = clockworkBot(3)
    // A second regular run after a long break.
    const later = clockworkBot(3)
    for (const b of later.beats) s.beats.push({ ...b, itemId: b.itemId + 50, at: new Date(b.at.getTime() + 4 * 3600_000) })
    const regular = detect(s).filter((f) => f.kind === 'regularBeats')
    expect(regular).toHaveLength(2)
    const merged = mergeFlags(regular)
    expect(merged).toHaveLength(1)
    expect(merged[0].secondsAffected).toBeCloseTo(regular[0].secondsAffected + regular[1].secondsAffected, 2)
    expect(merged[0].evidence.stretches).toBe(2)
    expect(flagKey(merged[0], '2026-04-14')).toBe(`${MEMBER}:regularBeats:2026-04-14`)
  })
})
