/**
 * `npm run bench:integrity`: does the production app server credit study time only for real study?
 *
 * Against `scripts/server.ts` (production build, two workers) on throw-away services, with the
 * study clock running RATE times as fast (TEST_CLOCK=1, src/clock.ts; the rate limits scaled by the
 * same factor so they mean the same in clock time), simulated clients send heartbeats over HTTP as
 * the lesson player does:
 *   - an honest population: varied reading speeds, timer jitter and network delays, pauses while
 *     reading, tab switches (a beat on hiding and on coming back, nothing between), re-reading and
 *     seeking back in media;
 *   - a cheat suite: faster than real time, replayed beats, parallel tabs, several sessions of one
 *     account, seeking to the end, instant complete, forged positions, and clockwork bots (perfectly
 *     regular beats, positions in lockstep with the clock, one item after another with nobody there).
 * Then the study-integrity analysis runs on the day (as the nightly job would) and it prints:
 *   1. seconds credited illegitimately (target 0): per cheat, credited study seconds (less what the
 *      integrity flags hold) beyond the time a person could really have studied, plus 学时 credited
 *      beyond that time (学时 × minutes per 学时);
 *   2. the share of honest study time credited (target ≥ 99%);
 *   3. clockwork bots flagged (target all);
 *   4. honest members flagged (target ≤ 1%).
 *
 *   npm run bench:integrity                       60 honest members, clock rate 6, 5 bots
 *   npm run bench:integrity -- --honest 20 --rate 6
 */
import { randomBytes, randomUUID } from 'crypto'
import path from 'path'
import pg from 'pg'
import { parseArgs } from 'util'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { bin, childEnv, prepareDatabase, run, say } from '../scripts/lib'
import { DEMO_PASSWORD } from '../seed/people'

const { values: opts } = parseArgs({
  options: { honest: { type: 'string', default: '60' }, rate: { type: 'string', default: '6' }, bots: { type: 'string', default: '5' } },
})
const HONEST = Math.max(5, Number(opts.honest))
const BOTS = Math.max(1, Number(opts.bots))
/** Clock seconds per real second. Higher runs faster but magnifies the client's own timer jitter. */
const RATE = Math.min(10, Math.max(1, Number(opts.rate)))
const BEAT = 20 // the player's heartbeat, clock seconds (src/site/StudyTracker.tsx)

const { dir, state, cleanup } = scratch('party-integrity-')
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)))
setTimeout(() => {
  console.error('基准测试超过 40 分钟，强制停止。')
  void cleanup().then(() => process.exit(2))
}, 40 * 60_000).unref()

const sleepClock = (clockSeconds: number) => new Promise((r) => setTimeout(r, Math.max(0, (clockSeconds * 1000) / RATE)))
const between = (a: number, b: number) => a + Math.random() * (b - a)
/** Normal noise (Box–Muller). */
const gauss = (sd: number) => sd * Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random())
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]

type Item = { id: number; kind: 'video' | 'audio' | 'article'; seconds: number }
type Client = { cookie: string; memberId: number }
type Outcome = { name: string; memberId: number; legit: number }

let exitCode = 0
try {
  const services = (state.services = await startLocalServices({
    dataRoot: dir,
    persistent: false,
    env: {} as NodeJS.ProcessEnv,
    database: 'integrity',
    log: say,
  }))
  const env = {
    ...services.env,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    MEDIA_DIR: path.join(dir, 'media'),
    MEILI_INDEX: 'content_integrity',
  }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 })

  // Members of the bench: full members sharing the demo member's password, spread over branches.
  const template = (await db.query<{ salt: string; hash: string }>(`SELECT salt, hash FROM users WHERE email = 'member@demo.edu.cn'`))
    .rows[0]
  const branches = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE type = 'branch' ORDER BY id`)).rows.map((r) => r.id)
  const CHEATS = [
    'fasterThanRealTime',
    'replays',
    'parallelTabs',
    'manySessions',
    'seekToEnd',
    'instantComplete',
    'forgedPositions',
  ] as const
  const names = [
    ...Array.from({ length: HONEST }, (_, i) => `honest${i + 1}`),
    ...CHEATS,
    ...Array.from({ length: BOTS }, (_, i) => `bot${i + 1}`),
  ]
  const people = (
    await db.query<{ id: number; email: string }>(
      `INSERT INTO users (name, email, political_stage, organization_id, active, salt, hash, login_attempts, updated_at, created_at)
       SELECT '基准学员' || n, lower(n) || '@integrity.edu.cn', 'full', ($2::int[])[1 + (o % array_length($2::int[], 1))], true, $3, $4, 0, now(), now()
         FROM unnest($1::text[]) WITH ORDINALITY AS x(n, o) RETURNING id, email`,
      [names, branches, template.salt, template.hash],
    )
  ).rows
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [
    people.map((p) => p.id),
  ])
  const idOf = new Map(people.map((p) => [p.email.split('@')[0], p.id]))

  // Lessons open to everyone, with the real lengths the server uses.
  const items = (
    await db.query<{ id: number; kind: Item['kind']; seconds: string }>(
      `SELECT l.id, l.kind::text AS kind, l.duration_seconds AS seconds FROM micro_lessons l
        WHERE l._status = 'published' AND l.duration_seconds > 0 AND l.quiz_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM micro_lessons_audience_stages s WHERE s.parent_id = l.id)
          AND NOT EXISTS (SELECT 1 FROM micro_lessons_rels r WHERE r.parent_id = l.id AND r.path = 'audienceOrganizations')
        ORDER BY l.id`,
    )
  ).rows.map((r) => ({ id: r.id, kind: r.kind, seconds: Number(r.seconds) }))
  const media = items.filter((i) => i.kind !== 'article')
  const articles = items.filter((i) => i.kind === 'article')
  if (!media.length || !articles.length)
    throw new Error(`演示课程里缺少可学的音视频或图文微课（音视频 ${media.length}，图文 ${articles.length}）`)
  const rules = (await db.query<{ m: string }>(`SELECT minutes_per_credit_hour AS m FROM platform_settings LIMIT 1`)).rows[0]
  const minutesPerHour = Number(rules?.m ?? 45)

  await ensureBuild('.next-bench', env)
  const url = await startAppServer(
    state,
    { ...env, TEST_CLOCK: '1', RATE_LIMIT_SCALE: String(Math.ceil(RATE)) },
    { distDir: '.next-bench', quiet: true },
  )
  const origin = new URL(url).origin
  const post = async (p: string, cookie: string, body: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify(body),
    })
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> }
  }
  const clock = await post('/api/test/clock', '', { rate: RATE })
  if (clock.status !== 200) throw new Error(`测试时钟不可用：${clock.status}`)
  const startedAt = new Date(String(clock.json.now))

  const login = async (name: string): Promise<Client> => {
    const res = await fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: `${name.toLowerCase()}@integrity.edu.cn`, password: DEMO_PASSWORD }),
    })
    if (res.status !== 200) throw new Error(`${name} 登录失败：${res.status} ${await res.text()}`)
    const token = ((await res.json()) as { token: string }).token
    return { cookie: `payload-token=${token}`, memberId: idOf.get(name.toLowerCase())! }
  }
  /** A beat; `flight` is its round trip in clock seconds (the server stamps it somewhere inside). */
  const beat = async (
    c: Client,
    item: Item,
    event: 'start' | 'heartbeat' | 'complete',
    position: number,
    extra: { beatId?: string; scrolledToEnd?: boolean } = {},
  ) => {
    const sent = Date.now()
    const reply = await post('/api/study/heartbeat', c.cookie, {
      collection: 'micro-lessons',
      id: item.id,
      event,
      position,
      beatId: extra.beatId ?? randomUUID(),
      ...(item.kind === 'article' ? { scrolledToEnd: extra.scrolledToEnd ?? false } : {}),
    })
    return { ...reply, flight: ((Date.now() - sent) / 1000) * RATE }
  }

  // ── the honest population ──────────────────────────────────────────────────────────────────
  /** Clock seconds each honest member really studied (page visible, media playing or text read). */
  const studied = new Map<number, number>()
  /** Honest study the server did not credit, by the kind of beat that carried it (for the report). */
  const lost = new Map<string, { beats: number; seconds: number }>()
  /**
   * Counted beat by beat: each study beat's credit against the study time it carried, so credit
   * beyond one beat's study can never hide another beat's shortfall (a per-member total did: a
   * 60-second credit on returning to a hidden tab masked 977 s lost elsewhere).
   */
  const honest = { credited: 0, over: 0 }
  const account = (what: string, step: number, reply: { status: number; json: Record<string, unknown>; flight: number }) => {
    const credited = reply.status === 200 ? Number(reply.json.credited ?? 0) : 0
    honest.credited += Math.min(credited, step)
    // The server times a beat on arrival, this bench on sending: a beat can be credited up to its own
    // time in flight more than the study counted here (the previous beat's flight is then shorter;
    // the video played on meanwhile). Only credit beyond that is excess. Quiet runs here: 17 s of
    // 85,092 counted as excess without this allowance, 0 s with it.
    honest.over += Math.max(0, credited - step - reply.flight)
    if (credited >= step - 0.5) return
    const key = `${what}${reply.status === 200 ? '' : ` (${reply.status})`}`
    const l = lost.get(key) ?? { beats: 0, seconds: 0 }
    l.beats++
    l.seconds += step - credited
    lost.set(key, l)
  }
  /** A beat that carries no study (opening, coming back to a hidden tab, completing): any credit is too much. */
  const noStudy = (reply: { status: number; json: Record<string, unknown> }) => {
    honest.over += reply.status === 200 ? Number(reply.json.credited ?? 0) : 0
  }
  const honestStudy = async (c: Client) => {
    let truth = 0
    // Three different lessons (studying a finished lesson again earns nothing past 1.5× its length, by rule).
    const first = pick(articles)
    const second = pick(media)
    const rest = [...articles, ...media].filter((i) => i !== first && i !== second)
    for (const item of [first, second, pick(rest.length ? rest : media)]) {
      // Media plays at its own speed; readers take 0.9–1.5× the study-reading time.
      // (A reader pausing to think stays on the visible page: that is study, and beats go on.)
      const speed = item.kind === 'article' ? between(0.9, 1.5) : 1
      const need = item.seconds * speed
      let done = 0 // clock seconds of study on this item
      // Study runs from one beat's sending to the next one's, the time its request takes included
      // (the video plays on while a heartbeat is in flight): that is the time the server can see.
      let mark = Date.now()
      noStudy(await beat(c, item, 'start', 0))
      const since = () => {
        const sentAt = Date.now()
        const step = ((sentAt - mark) / 1000) * RATE
        mark = sentAt
        return step
      }
      let hidden = Math.random() < 0.35 ? between(0.2, 0.8) * need : -1 // a tab switch at this point
      let reread = Math.random() < 0.3
      while (done < need) {
        // Timers drift and the network adds a little: ± 0.4 s, sometimes a slow request.
        const planned = Math.min(need - done, BEAT + gauss(0.4) + (Math.random() < 0.05 ? between(0.5, 3) : 0))
        // The time that really passed (timers overshoot), in clock seconds: that is the study.
        await sleepClock(planned)
        const step = since()
        done += step
        truth += step
        const position = item.kind === 'article' ? Math.min(1, done / need) : Math.min(item.seconds, done)
        if (reread && done > need / 2) {
          reread = false
          account(
            `回看（${item.kind}）`,
            step,
            await beat(c, item, 'heartbeat', item.kind === 'article' ? 0.3 : Math.max(0, position - 30)),
          ) // scrolled or sought back
          continue
        }
        account(`心跳（${item.kind}）`, step, await beat(c, item, 'heartbeat', position, { scrolledToEnd: done >= need }))
        if (hidden >= 0 && done >= hidden) {
          // The tab is hidden for 1.5–5 minutes: a beat went on hiding (above); nothing while away;
          // a beat on coming back, which credits nothing for the time away.
          hidden = -1
          await sleepClock(between(90, 300))
          mark = Date.now()
          noStudy(await beat(c, item, 'heartbeat', position, { scrolledToEnd: done >= need }))
        }
      }
      // Completing carries the study since the last heartbeat was sent (its request's time).
      const last = since()
      truth += last
      account(
        `完成（${item.kind}）`,
        last,
        await beat(c, item, 'complete', item.kind === 'article' ? 1 : item.seconds, { scrolledToEnd: true }),
      )
      await sleepClock(between(5, 40)) // choosing the next lesson
    }
    studied.set(c.memberId, truth)
  }

  // ── the cheat suite (each: what a person could really have studied, clock seconds) ───────────
  const wall = () => Date.now()
  const clockSince = (t: number) => ((Date.now() - t) / 1000) * RATE
  const outcomes: Outcome[] = []
  const cheat = async (name: (typeof CHEATS)[number]) => {
    const c = await login(name)
    const t0 = wall()
    const item = pick(media)
    switch (name) {
      case 'fasterThanRealTime': {
        // Positions three times as fast as the clock, beats on time.
        await beat(c, item, 'start', 0)
        for (let p = 0; p < item.seconds;) {
          await sleepClock(BEAT)
          p = Math.min(item.seconds, p + 3 * BEAT)
          await beat(c, item, 'heartbeat', p)
        }
        await beat(c, item, 'complete', item.seconds)
        break
      }
      case 'replays': {
        // Every beat sent three times, and the whole history resent at the end.
        const sent: Array<[number, string]> = []
        await beat(c, item, 'start', 0)
        for (let p = 0; p < Math.min(item.seconds, 8 * BEAT);) {
          await sleepClock(BEAT)
          p += BEAT
          const id = randomUUID()
          sent.push([p, id])
          await Promise.all([1, 2, 3].map(() => beat(c, item, 'heartbeat', p, { beatId: id })))
        }
        for (const [p, id] of sent) await beat(c, item, 'heartbeat', p, { beatId: id })
        break
      }
      case 'parallelTabs': {
        // Two lessons at once in two tabs of one session.
        const other = pick(media.filter((m) => m.id !== item.id).length ? media.filter((m) => m.id !== item.id) : media)
        await Promise.all(
          [item, other].map(async (it) => {
            await beat(c, it, 'start', 0)
            for (let p = 0; p < Math.min(it.seconds, 8 * BEAT);) {
              await sleepClock(BEAT)
              p += BEAT
              await beat(c, it, 'heartbeat', p)
            }
          }),
        )
        break
      }
      case 'manySessions': {
        // Three sessions of one account (three logins), each on its own lesson.
        const sessions = [c, await login(name), await login(name)]
        await Promise.all(
          sessions.map(async (s, i) => {
            const it = media[i % media.length]
            await beat(s, it, 'start', 0)
            for (let p = 0; p < Math.min(it.seconds, 8 * BEAT);) {
              await sleepClock(BEAT)
              p += BEAT
              await beat(s, it, 'heartbeat', p)
            }
          }),
        )
        break
      }
      case 'seekToEnd': {
        await beat(c, item, 'start', 0)
        await sleepClock(BEAT)
        await beat(c, item, 'heartbeat', item.seconds)
        await beat(c, item, 'complete', item.seconds)
        break
      }
      case 'instantComplete': {
        const article = pick(articles)
        await beat(c, article, 'start', 0)
        await beat(c, article, 'complete', 1, { scrolledToEnd: true })
        await beat(c, item, 'start', 0)
        await beat(c, item, 'complete', item.seconds)
        break
      }
      case 'forgedPositions': {
        await beat(c, item, 'start', 0)
        for (let i = 0; i < 6; i++) {
          await sleepClock(BEAT)
          await beat(c, item, 'heartbeat', pick([600, item.seconds, 1e6, item.seconds * 0.95]))
        }
        await beat(c, item, 'complete', item.seconds)
        break
      }
    }
    // A person sitting through it could have studied for the time it took, once.
    outcomes.push({ name, memberId: c.memberId, legit: clockSince(t0) })
  }

  /** A clockwork bot: exact beats, positions in lockstep with the clock, lesson after lesson; nobody studies. */
  const bot = async (name: string, interval: number) => {
    const c = await login(name)
    const clockStart = Date.now()
    let next = clockStart
    const tick = async () => {
      next += (interval * 1000) / RATE
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())))
    }
    // Three lessons back to back (the detector needs 20 regular intervals and three items in step).
    const shortest = [...media].sort((a, b) => a.seconds - b.seconds)
    for (const item of [0, 1, 2].map((i) => shortest[i % shortest.length])) {
      await beat(c, item, 'start', 0)
      for (let p = 0; p < item.seconds;) {
        await tick()
        p = Math.min(item.seconds, p + interval)
        await beat(c, item, 'heartbeat', p)
      }
      await beat(c, item, 'complete', item.seconds)
    }
    outcomes.push({ name, memberId: c.memberId, legit: 0 })
  }

  say(`模拟：${HONEST} 名正常学员、${CHEATS.length} 种作弊、${BOTS} 个定时脚本（时钟 ${RATE} 倍速）……`)
  const honestClients: Client[] = []
  for (let i = 1; i <= HONEST; i++) honestClients.push(await login(`honest${i}`))
  const t = Date.now()
  await Promise.all([
    ...honestClients.map(async (c, i) => {
      await sleepClock(i * 7) // arrive over a few minutes
      await honestStudy(c)
    }),
    ...CHEATS.map((name) => cheat(name)),
    ...Array.from({ length: BOTS }, (_, i) => bot(`bot${i + 1}`, [20, 20, 15, 30, 20][i % 5])),
  ])
  const endedAt = new Date(String((await post('/api/test/clock', '', {})).json.now))
  say(`模拟结束：实际 ${Math.round((Date.now() - t) / 1000)} 秒，学习时钟 ${startedAt.toISOString()} → ${endedAt.toISOString()}`)

  // ── the analysis, as the nightly job would run it for these days ──────────────────────────────
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
  if ((await run(bin('tsx'), ['scripts/integrity.ts', day(startedAt), day(endedAt)], { env: childEnv(env) })) !== 0)
    throw new Error('学习异常检测失败')

  // ── the figures ─────────────────────────────────────────────────────────────────────────────
  const creditOf = async (memberId: number) => {
    const s = await db.query<{ credited: string }>(
      `SELECT coalesce(sum(credited_seconds), 0) AS credited FROM study_events WHERE member_id = $1`,
      [memberId],
    )
    const held = await db.query<{ held: string }>(
      `SELECT coalesce(sum(m), 0) AS held FROM (SELECT max(seconds_held) AS m FROM integrity_flags WHERE member_id = $1 AND status <> 'cleared' GROUP BY day) x`,
      [memberId],
    )
    const heldCol = (
      await db.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'study_progress' AND column_name = 'held'`)
    ).rowCount
    const hours = await db.query<{ h: string }>(
      `SELECT coalesce(sum(hours_credited), 0) AS h FROM study_progress WHERE member_id = $1 ${heldCol ? 'AND NOT held' : ''}`,
      [memberId],
    )
    const flags = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM integrity_flags WHERE member_id = $1`, [memberId])
    const credited = Math.max(0, Number(s.rows[0].credited) - Number(held.rows[0].held))
    return {
      credited,
      held: Number(held.rows[0].held),
      hoursSeconds: Number(hours.rows[0].h) * minutesPerHour * 60,
      flags: flags.rows[0].n,
    }
  }
  let illegit = 0
  console.log('\n作弊与定时脚本（计入秒数 = 心跳计入减去异常标记扣留；学时折算秒 = 计入学时 × 每学时分钟数 × 60）：')
  console.log('  名称                  合理上限(秒)  计入(秒)  学时折算(秒)  非法计入(秒)  标记')
  for (const o of outcomes) {
    const r = await creditOf(o.memberId)
    const bad = Math.max(0, r.credited - o.legit) + Math.max(0, r.hoursSeconds - Math.min(r.credited, o.legit))
    illegit += bad
    console.log(
      `  ${o.name.padEnd(20)}  ${o.legit.toFixed(0).padStart(11)}  ${r.credited.toFixed(0).padStart(8)}  ${r.hoursSeconds.toFixed(0).padStart(12)}  ${bad.toFixed(0).padStart(12)}  ${r.flags}`,
    )
  }
  let truth = 0
  let heldHonest = 0
  let honestFlagged = 0
  for (const c of honestClients) {
    const r = await creditOf(c.memberId)
    truth += studied.get(c.memberId) ?? 0
    heldHonest += r.held
    if (r.flags) honestFlagged++
  }
  // Honest members' credit beyond their study is illegitimate too.
  illegit += honest.over
  const credited = Math.max(0, honest.credited - heldHonest)
  const bots = outcomes.filter((o) => o.name.startsWith('bot'))
  let botsFlagged = 0
  for (const b of bots) if ((await creditOf(b.memberId)).flags) botsFlagged++
  const share = truth ? credited / truth : 0
  if (lost.size) {
    console.log('\n正常学习未被计入的部分（按心跳种类）：')
    for (const [what, l] of lost) console.log(`  ${what}：${l.beats} 次，${l.seconds.toFixed(0)} 秒`)
  }
  for (const b of outcomes.filter((o) => o.name.startsWith('bot'))) {
    const f = await db.query(
      `SELECT kind, day, seconds_held, period_start, period_end, items::text FROM integrity_flags WHERE member_id = $1`,
      [b.memberId],
    )
    const p = await db.query(
      `SELECT item_id, completed_at, hours_credited, seconds_credited, held FROM study_progress WHERE member_id = $1 ORDER BY completed_at`,
      [b.memberId],
    )
    console.log(`  ${b.name} 标记：${JSON.stringify(f.rows)}\n    学习进度：${JSON.stringify(p.rows)}`)
  }
  console.log('\n结果：')
  console.log(`  1. 非法计入的学习时间            ${illegit.toFixed(0)} 秒（目标 0）`)
  console.log(
    `  2. 正常学习时间被计入的比例      ${(share * 100).toFixed(2)}%（${credited.toFixed(0)} / ${truth.toFixed(0)} 秒，目标 ≥ 99%）`,
  )
  console.log(`  3. 被标记的定时脚本              ${botsFlagged} / ${bots.length}（目标 全部）`)
  console.log(
    `  4. 被误标记的正常学员            ${honestFlagged} / ${honestClients.length}（${((honestFlagged / honestClients.length) * 100).toFixed(1)}%，目标 ≤ 1%）`,
  )
  const met = illegit < 1 && share >= 0.99 && botsFlagged === bots.length && honestFlagged / honestClients.length <= 0.01
  console.log(met ? '  全部达标' : '  未全部达标')
  await db.end()
} catch (e) {
  console.error(e)
  exitCode = 1
} finally {
  await cleanup()
}
process.exit(exitCode)
