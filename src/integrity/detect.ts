/**
 * 学习异常检测 (issue 13 §2): the pure rules that tell a clockwork bot from a person, over one
 * member's beats (rows of study_events) in one period. No I/O: src/integrity/analyse.ts reads the
 * beats and writes the flags; tests/unit/integrity/detect.test.ts runs honest and bot streams through it.
 *
 * A flag is a suspicion with its evidence, never a verdict: the time it covers is held out of the
 * 学时 total until the branch secretary clears or confirms it with a reason. The thresholds below
 * are chosen so that honest study (timer jitter, network jitter, pauses, tab switches, reading at
 * varied speeds) stays well clear of them; each says why.
 */

export type BeatKind = 'start' | 'heartbeat' | 'complete'

/** One row of study_events as the detector needs it. */
export type Beat = {
  memberId: number
  organizationId?: number | null
  itemCollection: string
  itemId: number
  kind: BeatKind
  /** The server's time of the beat (study_events.created_at). */
  at: Date
  creditedSeconds: number
  /** The client's position (study_events.client_position): seconds into media, or 0–1 of an article. */
  position: number | null
}

/** What the detector may know about an item (from src/study/items.ts itemMeta); optional. */
export type ItemInfo = {
  kind: 'video' | 'audio' | 'article'
  /** Credited seconds the item needs to complete: completion share × real length. */
  minSeconds: number
}

/** A completion in the period (study_progress.completed_at). */
export type Completion = { itemCollection: string; itemId: number; at: Date }

export type FlagKind = 'regularBeats' | 'lockstepPositions' | 'aroundTheClock' | 'minimumTimeCompletions'

export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  regularBeats: '心跳间隔异常规律',
  lockstepPositions: '播放进度与时钟同步推进',
  aroundTheClock: '全天候不间断学习',
  minimumTimeCompletions: '连续以最短时长完成',
}

export type IntegrityFlag = {
  kind: FlagKind
  memberId: number
  organizationId: number | null
  /** The stretch of time the flag is about (inside the analysed period). */
  periodStart: Date
  periodEnd: Date
  /** Items involved, as `collection:id`. */
  items: string[]
  /** Credited seconds inside the flagged stretch: the time to hold out of the 学时 total. */
  secondsAffected: number
  /** The numbers behind the flag, and a sentence in Chinese for the member and the secretary. */
  evidence: { summary: string } & Record<string, number | string | number[] | string[]>
}

export type Thresholds = {
  /**
   * (a) Coefficient of variation (standard deviation ÷ mean) of the intervals between consecutive
   * heartbeats below which a run is "clockwork". 0.002 is 40 ms on the player's 20-second beat.
   * An honest browser's beat leaves from a 1-second setInterval that counts only visible, active
   * seconds; timer clamping and throttling, the event loop, keep-alive fetches over Wi-Fi or mobile
   * networks and the server's own queueing move each arrival by tens to hundreds of milliseconds,
   * and any pause, tab switch or scroll-idle moment moves it by seconds. A script on a timer
   * arrives within a few milliseconds of its schedule (CV ≈ 0.0001–0.0005).
   */
  maxRegularCv: number
  /** (a) …over at least this many consecutive intervals (20 intervals ≈ 7 minutes of beats). */
  minRegularIntervals: number
  /** (a)/(b) A gap longer than this ends a session (the heartbeat path credits nothing past 60 s). */
  sessionGapSeconds: number
  /**
   * (b) Position and wall time "in lockstep": |Δposition − Δtime| at most this many seconds between
   * consecutive beats of a media item. 10 ms: a person's position is the media clock read when the
   * beat leaves the browser while the time is when it reaches the server, so network jitter alone
   * separates them by more; a script that derives its position from its own schedule does not.
   */
  lockstepToleranceSeconds: number
  /** (b) An item counts as lockstep when all of at least this many consecutive pairs are. */
  minLockstepPairsPerItem: number
  /** (b) …and the flag needs this many such items in the period ("across many items"). */
  minLockstepItems: number
  /**
   * (c) Credited beats in at least this many distinct hours of one day (Asia/Shanghai). Nobody
   * studies in 20 of 24 hours; a person sleeps.
   */
  minHoursInDay: number
  /** (d) A completion "at the minimum" when the item's credited seconds are at most minimum × (1 + this). */
  minimumSlack: number
  /** (d) …and this many such completions in a row flag the run. */
  minRunOfMinimumCompletions: number
  /**
   * (d) "Back to back": the next item's first beat within this many seconds of the previous
   * completion. Someone who reads again, watches the rest of the video or rests breaks the run.
   */
  backToBackSeconds: number
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  maxRegularCv: 0.002,
  minRegularIntervals: 20,
  sessionGapSeconds: 60,
  lockstepToleranceSeconds: 0.01,
  minLockstepPairsPerItem: 5,
  minLockstepItems: 3,
  minHoursInDay: 20,
  minimumSlack: 0.05,
  minRunOfMinimumCompletions: 5,
  backToBackSeconds: 120,
}

export const TIME_ZONE = 'Asia/Shanghai'

const itemKey = (b: { itemCollection: string; itemId: number }) => `${b.itemCollection}:${Number(b.itemId)}`
const secs = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0)
const stdev = (xs: number[]) => {
  const m = mean(xs)
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)))
}
const uniq = <T>(xs: T[]) => [...new Set(xs)]

/** Coefficient of variation of a list of intervals (0 for a perfectly regular list). */
export const coefficientOfVariation = (xs: number[]) => {
  const m = mean(xs)
  return m > 0 ? stdev(xs) / m : Infinity
}

/** Hour of the day (0–23) and the day (YYYY-MM-DD) in Asia/Shanghai. */
const shanghaiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
})
const shanghai = (at: Date) => {
  const f = shanghaiFormat
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]))
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) }
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
const fmtTime = (at: Date) => timeFormat.format(at)

/** A member's beats split into sessions: consecutive beats (any item) no more than `gap` seconds apart. */
export const sessionsOf = (beats: Beat[], gap: number): Beat[][] => {
  const sorted = [...beats].sort((a, b) => a.at.getTime() - b.at.getTime())
  const out: Beat[][] = []
  for (const b of sorted) {
    const cur = out[out.length - 1]
    if (cur && secs(cur[cur.length - 1].at, b.at) <= gap) cur.push(b)
    else out.push([b])
  }
  return out
}

/**
 * (a) Runs of at least `minRegularIntervals` consecutive heartbeat intervals inside a session whose
 * coefficient of variation is below `maxRegularCv`. Sliding windows of that length are tested and
 * overlapping regular windows merged into runs; a session with such a run is flagged whole. Only timer beats (`heartbeat`) count: `start`
 * and `complete` leave when a page opens or the end is scrolled into view, not on the timer, so a
 * bot that opens the next item at once keeps its rhythm from heartbeat to heartbeat, and a person
 * who navigates breaks it.
 */
const regularBeats = (member: number, org: number | null, beats: Beat[], t: Thresholds): IntegrityFlag[] => {
  const flags: IntegrityFlag[] = []
  const n = t.minRegularIntervals
  for (const all of sessionsOf(beats, t.sessionGapSeconds)) {
    const session = all.filter((b) => b.kind === 'heartbeat')
    const intervals = session.slice(1).map((b, i) => secs(session[i].at, b.at))
    if (intervals.length < n) continue
    // Which intervals lie in some regular window.
    const inRun = new Array<boolean>(intervals.length).fill(false)
    for (let i = 0; i + n <= intervals.length; i++) {
      const w = intervals.slice(i, i + n)
      if (coefficientOfVariation(w) < t.maxRegularCv) for (let j = i; j < i + n; j++) inRun[j] = true
    }
    // Merge into runs (interval j spans session[j] → session[j + 1]) and keep the longest.
    let best: [number, number] | null = null
    let j = 0
    while (j < intervals.length) {
      if (!inRun[j]) {
        j++
        continue
      }
      let k = j
      while (k + 1 < intervals.length && inRun[k + 1]) k++
      if (!best || k - j > best[1] - best[0]) best = [j, k]
      j = k + 1
    }
    if (!best) continue
    const run = intervals.slice(best[0], best[1] + 1)
    const runBeats = session.slice(best[0], best[1] + 2)
    // The whole session is held, not just the metronome stretch: nobody is a metronome for minutes
    // on end, so the beats around it (the bench saw a bot's first minutes jittered by a busy
    // server, 420 of its 2,084 seconds outside the run) come from the same script.
    const credited = sum(all.map((b) => b.creditedSeconds))
    const m = mean(run)
    const sd = stdev(run)
    const cv = coefficientOfVariation(run)
    flags.push({
      kind: 'regularBeats',
      memberId: member,
      organizationId: org,
      // The first beat's credit covers the time just before it, which belongs to the session.
      periodStart: new Date(all[0].at.getTime() - all[0].creditedSeconds * 1000),
      periodEnd: all[all.length - 1].at,
      items: uniq(all.map(itemKey)),
      secondsAffected: round(credited, 2),
      evidence: {
        summary:
          `${fmtTime(runBeats[0].at)} 至 ${fmtTime(runBeats[runBeats.length - 1].at)} 连续 ${run.length} 次心跳间隔几乎完全相同：` +
          `平均 ${round(m, 3)} 秒，标准差 ${round(sd * 1000, 1)} 毫秒，变异系数 ${round(cv, 5)}（正常浏览器学习通常在 ${t.maxRegularCv} 以上）；` +
          `所在学习时段 ${fmtTime(all[0].at)} 至 ${fmtTime(all[all.length - 1].at)} 计入时长 ${Math.round(credited)} 秒`,
        intervals: run.length,
        meanIntervalSeconds: round(m, 3),
        stdevMilliseconds: round(sd * 1000, 1),
        coefficientOfVariation: round(cv, 6),
        threshold: t.maxRegularCv,
      },
    })
  }
  return flags
}

/**
 * (b) Media positions that advance exactly as the server's clock does, item after item. Consecutive
 * beats of the same item inside a session form pairs; an item is lockstep when it has at least
 * `minLockstepPairsPerItem` pairs and every one matches within the tolerance.
 */
const lockstepPositions = (
  member: number,
  org: number | null,
  beats: Beat[],
  t: Thresholds,
  items: Map<string, ItemInfo>,
): IntegrityFlag[] => {
  const byItem = new Map<string, Beat[]>()
  for (const b of [...beats].sort((a, c) => a.at.getTime() - c.at.getTime())) {
    const key = itemKey(b)
    const info = items.get(key)
    // Articles report a scrolled fraction, not seconds: no clock to follow.
    if (info ? info.kind === 'article' : !(b.position !== null && b.position > 1)) continue
    if (b.position === null) continue
    if (!byItem.has(key)) byItem.set(key, [])
    byItem.get(key)!.push(b)
  }
  const lockstep: Array<{ key: string; pairs: number; maxDeviation: number; first: Date; last: Date; credited: number }> = []
  for (const [key, list] of byItem) {
    let pairs = 0
    let maxDev = 0
    let ok = true
    for (let i = 1; i < list.length; i++) {
      const dt = secs(list[i - 1].at, list[i].at)
      if (dt <= 0 || dt > t.sessionGapSeconds) continue
      const dev = Math.abs(list[i].position! - list[i - 1].position! - dt)
      pairs++
      maxDev = Math.max(maxDev, dev)
      if (dev > t.lockstepToleranceSeconds) ok = false
    }
    if (ok && pairs >= t.minLockstepPairsPerItem)
      lockstep.push({
        key,
        pairs,
        maxDeviation: maxDev,
        first: list[0].at,
        last: list[list.length - 1].at,
        credited: sum(list.map((b) => b.creditedSeconds)),
      })
  }
  if (lockstep.length < t.minLockstepItems) return []
  const credited = sum(lockstep.map((l) => l.credited))
  const pairs = sum(lockstep.map((l) => l.pairs))
  const maxDev = Math.max(...lockstep.map((l) => l.maxDeviation))
  const start = new Date(Math.min(...lockstep.map((l) => l.first.getTime())))
  const end = new Date(Math.max(...lockstep.map((l) => l.last.getTime())))
  return [
    {
      kind: 'lockstepPositions',
      memberId: member,
      organizationId: org,
      periodStart: start,
      periodEnd: end,
      items: lockstep.map((l) => l.key),
      secondsAffected: round(credited, 2),
      evidence: {
        summary:
          `${lockstep.length} 个音视频内容共 ${pairs} 次心跳中，播放进度的增加与服务器时间的流逝完全一致（最大偏差 ${round(maxDev * 1000, 1)} 毫秒，` +
          `正常播放受网络延迟影响通常偏差更大），涉及计入时长 ${Math.round(credited)} 秒`,
        items: lockstep.length,
        pairs,
        maxDeviationMilliseconds: round(maxDev * 1000, 1),
        toleranceMilliseconds: t.lockstepToleranceSeconds * 1000,
      },
    },
  ]
}

/** (c) Credited beats in at least `minHoursInDay` distinct hours of one Shanghai day. */
const aroundTheClock = (member: number, org: number | null, beats: Beat[], t: Thresholds): IntegrityFlag[] => {
  const byDay = new Map<string, Beat[]>()
  for (const b of beats) {
    if (!(b.creditedSeconds > 0)) continue
    const { day } = shanghai(b.at)
    if (!byDay.has(day)) byDay.set(day, [])
    byDay.get(day)!.push(b)
  }
  const flags: IntegrityFlag[] = []
  for (const [day, list] of byDay) {
    const hours = uniq(list.map((b) => shanghai(b.at).hour)).sort((a, b) => a - b)
    if (hours.length < t.minHoursInDay) continue
    const credited = sum(list.map((b) => b.creditedSeconds))
    flags.push({
      kind: 'aroundTheClock',
      memberId: member,
      organizationId: org,
      periodStart: new Date(`${day}T00:00:00+08:00`),
      periodEnd: new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000),
      items: uniq(list.map(itemKey)),
      secondsAffected: round(credited, 2),
      evidence: {
        summary: `${day} 一天中有 ${hours.length} 个不同的小时都在计入学习时长（阈值 ${t.minHoursInDay} 个小时），共计入 ${Math.round(credited)} 秒`,
        day,
        distinctHours: hours.length,
        hours,
        threshold: t.minHoursInDay,
      },
    })
  }
  return flags
}

/**
 * (d) Runs of completions in a row, each item's credited seconds in the period within
 * `minimumSlack` of its minimum, each next item opened right after the previous completion.
 */
const minimumTimeCompletions = (
  member: number,
  org: number | null,
  beats: Beat[],
  completions: Completion[],
  t: Thresholds,
  items: Map<string, ItemInfo>,
): IntegrityFlag[] => {
  const creditOf = new Map<string, number>()
  const firstBeat = new Map<string, Date>()
  for (const b of [...beats].sort((a, c) => a.at.getTime() - c.at.getTime())) {
    const key = itemKey(b)
    creditOf.set(key, (creditOf.get(key) ?? 0) + b.creditedSeconds)
    if (!firstBeat.has(key)) firstBeat.set(key, b.at)
  }
  const done = [...completions].sort((a, b) => a.at.getTime() - b.at.getTime())
  type Row = { key: string; at: Date; credited: number; min: number }
  const flags: IntegrityFlag[] = []
  let run: Row[] = []
  const close = () => {
    if (run.length >= t.minRunOfMinimumCompletions) {
      const credited = sum(run.map((r) => r.credited))
      const ratios = run.map((r) => round(r.credited / r.min, 3))
      const start = firstBeat.get(run[0].key) ?? run[0].at
      flags.push({
        kind: 'minimumTimeCompletions',
        memberId: member,
        organizationId: org,
        periodStart: start,
        periodEnd: run[run.length - 1].at,
        items: run.map((r) => r.key),
        secondsAffected: round(credited, 2),
        evidence: {
          summary:
            `${fmtTime(start)} 至 ${fmtTime(run[run.length - 1].at)} 连续完成 ${run.length} 个内容，每个都恰好在最短要求时长附近完成` +
            `（计入时长为最短时长的 ${Math.min(...ratios)}–${Math.max(...ratios)} 倍，阈值 ${1 + t.minimumSlack} 倍），并立即开始下一个，共计入 ${Math.round(credited)} 秒`,
          completions: run.length,
          ratios,
          minimumSeconds: run.map((r) => round(r.min, 1)),
          creditedSeconds: run.map((r) => round(r.credited, 1)),
          threshold: t.minRunOfMinimumCompletions,
        },
      })
    }
    run = []
  }
  for (const c of done) {
    const key = itemKey(c)
    const info = items.get(key)
    const credited = creditOf.get(key) ?? 0
    const atMinimum = info !== undefined && info.minSeconds > 0 && credited <= info.minSeconds * (1 + t.minimumSlack)
    if (!atMinimum) {
      close()
      continue
    }
    const prev = run[run.length - 1]
    const opened = firstBeat.get(key)
    if (prev && !(opened && secs(prev.at, opened) <= t.backToBackSeconds && secs(prev.at, opened) >= -t.backToBackSeconds)) close()
    run.push({ key, at: c.at, credited, min: info.minSeconds })
  }
  close()
  return flags
}

/**
 * All flags for one member's beats (and completions) over a period. `items` gives the kind and
 * minimum seconds of the items involved (missing items are judged by their positions for (b) and
 * skipped for (d)).
 */
export const detectMember = (
  input: { memberId: number; organizationId?: number | null; beats: Beat[]; completions?: Completion[]; items?: Map<string, ItemInfo> },
  thresholds: Partial<Thresholds> = {},
): IntegrityFlag[] => {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds }
  const items = input.items ?? new Map()
  const beats = input.beats.filter((b) => Number(b.memberId) === Number(input.memberId))
  const org = input.organizationId ?? beats.find((b) => b.organizationId != null)?.organizationId ?? null
  return [
    ...regularBeats(input.memberId, org, beats, t),
    ...lockstepPositions(input.memberId, org, beats, t, items),
    ...aroundTheClock(input.memberId, org, beats, t),
    ...minimumTimeCompletions(input.memberId, org, beats, input.completions ?? [], t, items),
  ]
}

/** Flags for many members' beats at once (grouped by member). */
export const detectAll = (
  beats: Beat[],
  opts: { completions?: Array<Completion & { memberId: number }>; items?: Map<string, ItemInfo>; thresholds?: Partial<Thresholds> } = {},
): IntegrityFlag[] => {
  const byMember = new Map<number, Beat[]>()
  for (const b of beats) {
    const m = Number(b.memberId)
    if (!byMember.has(m)) byMember.set(m, [])
    byMember.get(m)!.push(b)
  }
  const flags: IntegrityFlag[] = []
  for (const [memberId, list] of byMember) {
    const completions = (opts.completions ?? []).filter((c) => Number(c.memberId) === memberId)
    flags.push(...detectMember({ memberId, beats: list, completions, items: opts.items }, opts.thresholds))
  }
  return flags
}

/** The idempotency key of a flag: member, kind and the Shanghai day analysed. */
export const flagKey = (f: Pick<IntegrityFlag, 'memberId' | 'kind'>, day: string) => `${f.memberId}:${f.kind}:${day}`

/**
 * One flag per member and kind: several stretches of the same kind (two regular runs in a day) are
 * merged, their seconds added, items joined and each stretch's sentence kept.
 */
export const mergeFlags = (flags: IntegrityFlag[]): IntegrityFlag[] => {
  const by = new Map<string, IntegrityFlag>()
  for (const f of flags) {
    const key = `${f.memberId}:${f.kind}`
    const prev = by.get(key)
    if (!prev) {
      by.set(key, { ...f, evidence: { ...f.evidence } })
      continue
    }
    by.set(key, {
      ...prev,
      periodStart: prev.periodStart < f.periodStart ? prev.periodStart : f.periodStart,
      periodEnd: prev.periodEnd > f.periodEnd ? prev.periodEnd : f.periodEnd,
      items: uniq([...prev.items, ...f.items]),
      secondsAffected: round(prev.secondsAffected + f.secondsAffected, 2),
      evidence: {
        ...prev.evidence,
        summary: `${prev.evidence.summary}；${f.evidence.summary}`,
        stretches: Number(prev.evidence.stretches ?? 1) + 1,
      },
    })
  }
  return [...by.values()]
}
