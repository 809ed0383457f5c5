/**
 * `npm run bench:ingest`: credited heartbeats per second through the production app server
 * (`scripts/server.ts`, as `npm start` runs it) with every rate limit active, sent the way members
 * really send them: BENCH_MEMBERS members, each playing a lesson and beating every 20 seconds (the
 * player's pace), from BENCH_ADDRESSES source addresses (127.0.1.x, as campus networks put many
 * people behind a few addresses; each address stays within its own limit of 6,000 a minute).
 * The offered load is BENCH_MEMBERS / 20 beats a second; the figure is what the server credited.
 * Next to it: the route's ceiling (an immediate 401) and plain single-row inserts into the same
 * PostgreSQL from this process. Exits 1 unless every check holds:
 *   - each accepted beat is logged once, and per member the credited time equals the log and never
 *     exceeds the wall-clock span of their beats;
 *   - no beat was refused (a paced member is never over a limit).
 *
 *   BENCH_MEMBERS=50000 BENCH_SECONDS=60 npm run bench:ingest
 *
 * Everything runs on throw-away services in a temporary folder (like `npm test`). Members are
 * signed in directly (bench/sessions.ts): 50,000 password logins are not what this measures.
 */
import { randomBytes, randomUUID } from 'crypto'
import path from 'path'
import pg from 'pg'
import { Agent, request } from 'undici'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'
import { signInDirectly } from './sessions'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const ADDRESSES = Math.min(250, Number(process.env.BENCH_ADDRESSES ?? 100))
const BEAT = 20 // seconds between a player's beats (src/site/StudyTracker.tsx)

const { dir, state, cleanup } = scratch('party-bench-')

const agents = Array.from(
  { length: ADDRESSES },
  (_, i) => new Agent({ connections: 4, keepAliveTimeout: 60_000, pipelining: 1, localAddress: `127.0.1.${i + 1}` }),
)
type Reply = { status: number; json: Record<string, unknown> | null; ms: number; timing: string | null }
// undici's request, not fetch: the client shares the two cores with the server and PostgreSQL, and
// fetch (WHATWG streams and headers) costs more CPU a request (printed: the client's CPU per beat).
// Headers are built once per member.
const JSON_ONLY = { 'content-type': 'application/json' }
const post = async (url: string, body: unknown, headers: Record<string, string>, agent: Agent): Promise<Reply> => {
  const t = performance.now()
  const res = await request(url, { method: 'POST', headers, body: JSON.stringify(body), dispatcher: agent })
  const json = (await res.body.json().catch(() => null)) as Record<string, unknown> | null
  const timing = res.headers['server-timing']
  return { status: res.statusCode, json, ms: performance.now() - t, timing: typeof timing === 'string' ? timing : null }
}
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN
}
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())))

try {
  const services = (state.services = await startLocalServices({
    dataRoot: dir,
    persistent: false,
    env: {} as NodeJS.ProcessEnv,
    database: 'bench',
    log: say,
  }))
  const secret = randomBytes(24).toString('hex')
  const env = {
    DATABASE_URL: services.env.DATABASE_URL,
    MEILI_HOST: services.env.MEILI_HOST,
    MEILI_MASTER_KEY: services.env.MEILI_MASTER_KEY,
    PAYLOAD_SECRET: secret,
    MEDIA_DIR: path.join(dir, 'media'),
  }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  await ensureBuild('.next-test', env)

  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 })
  // Audio and video lessons open to every member, with their real lengths (none reaches 1.5× its length in the run).
  const lessons = (
    await db.query<{ id: number; seconds: string }>(
      `SELECT l.id, l.duration_seconds AS seconds FROM micro_lessons l
        WHERE l._status = 'published' AND l.kind IN ('video', 'audio') AND l.duration_seconds >= $1
          AND NOT EXISTS (SELECT 1 FROM micro_lessons_audience_stages s WHERE s.parent_id = l.id)
          AND NOT EXISTS (SELECT 1 FROM micro_lessons_rels r WHERE r.parent_id = l.id AND r.path = 'audienceOrganizations')
        ORDER BY l.id`,
      [SECONDS + 2 * BEAT],
    )
  ).rows.map((r) => r.id)
  if (!lessons.length) throw new Error(`演示数据中没有长于 ${SECONDS + 2 * BEAT} 秒、面向全体的音视频微课`)

  say(`创建 ${MEMBERS} 名学员及其登录会话……`)
  const branches = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE type = 'branch' ORDER BY id`)).rows.map((r) => r.id)
  const template = (await db.query<{ salt: string; hash: string }>(`SELECT salt, hash FROM users WHERE email = 'member@demo.edu.cn'`))
    .rows[0]
  const members = (
    await db.query<{ id: number; email: string }>(
      `INSERT INTO users (name, email, political_stage, organization_id, active, salt, hash, login_attempts, updated_at, created_at)
       SELECT '压测' || g, 'bench' || g || '@bench.edu.cn', 'full', ($2::int[])[1 + g % array_length($2::int[], 1)], true, $3, $4, 0, now(), now()
         FROM generate_series(1, $1::int) g RETURNING id, email`,
      [MEMBERS, branches, template.salt, template.hash],
    )
  ).rows
  await db.query(
    `INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM users WHERE email LIKE 'bench%@bench.edu.cn'`,
  )
  const tokens = await signInDirectly(db, secret, members)

  const url = await startAppServer(state, { ...env, JOBS_IN_APP: 'false' }, { quiet: true })
  // The app server answers once its first worker is up; the second starts after it (scripts/server.ts).
  // Started under this load, it once timed out connecting to the database: let it start first.
  await new Promise((r) => setTimeout(r, 45_000))
  const beatUrl = `${url}/api/study/heartbeat`
  const memberOf = (i: number) => ({
    headers: { ...JSON_ONLY, authorization: `JWT ${tokens[i]}` },
    agent: agents[i % ADDRESSES],
    lesson: lessons[i % lessons.length],
  })

  // The route's own ceiling: the same URL answering 401 at once (no token).
  let refused = 0
  const r0 = Date.now()
  await Promise.all(
    Array.from({ length: 200 }, async (_, c) => {
      while (Date.now() < r0 + 5000) {
        await post(beatUrl, {}, JSON_ONLY, agents[c % ADDRESSES])
        refused++
      }
    }),
  )
  const routeCeiling = refused / ((Date.now() - r0) / 1000)

  // Opening the lesson (a 'start', not timed): the first beat of a member checks the item is theirs.
  say(`${MEMBERS} 名学员打开课程……`)
  const o0 = Date.now()
  let opened = 0
  const failures = new Map<string, number>()
  const fail = (r: Reply) => {
    const k = `${r.status} ${String((r.json?.errors as Array<{ message?: string }> | undefined)?.[0]?.message ?? '')}`
    failures.set(k, (failures.get(k) ?? 0) + 1)
  }
  await Promise.all(
    Array.from({ length: 200 }, async (_, c) => {
      for (let i = c; i < MEMBERS; i += 200) {
        const m = memberOf(i)
        const r = await post(
          beatUrl,
          { collection: 'micro-lessons', id: m.lesson, event: 'start', position: 0, beatId: randomUUID() },
          m.headers,
          m.agent,
        )
        if (r.status === 200) opened++
        else fail(r)
      }
    }),
  )
  const openRate = opened / ((Date.now() - o0) / 1000)

  // The measured window: each member reopens the lesson at its own moment in the first 20 seconds,
  // then beats every 20 seconds, each beat carrying the 20 seconds of media since the previous one.
  say(`心跳压测：${MEMBERS} 名学员，每人每 ${BEAT} 秒一次（共约 ${(MEMBERS / BEAT).toFixed(0)} 次/秒），${SECONDS} 秒……`)
  const t0 = Date.now() + 2000
  const end = t0 + SECONDS * 1000
  let credited = 0
  let accepted = 0
  let uncredited = 0
  const latencies: number[] = []
  // The server's own account of each beat (Server-Timing: auth, limit, credit), summed by stage.
  const stages = new Map<string, number>()
  let lastAnswer = t0
  const cpu0 = process.cpuUsage()
  const wall0 = Date.now()
  await Promise.all(
    Array.from({ length: MEMBERS }, async (_, i) => {
      const m = memberOf(i)
      let at = t0 + (i / MEMBERS) * BEAT * 1000
      await sleepUntil(at)
      const s = await post(
        beatUrl,
        { collection: 'micro-lessons', id: m.lesson, event: 'start', position: 0, beatId: randomUUID() },
        m.headers,
        m.agent,
      )
      if (s.status === 200) accepted++
      else return fail(s)
      const beats: Array<Promise<void>> = []
      // A player's timer does not wait for the previous answer.
      for (let k = 1; (at += BEAT * 1000) < end; k++) {
        await sleepUntil(at)
        beats.push(
          post(
            beatUrl,
            { collection: 'micro-lessons', id: m.lesson, event: 'heartbeat', position: k * BEAT, beatId: randomUUID() },
            m.headers,
            m.agent,
          ).then((r) => {
            lastAnswer = Math.max(lastAnswer, Date.now())
            latencies.push(r.ms)
            for (const m of (r.timing ?? '').matchAll(/(\w+);dur=([\d.]+)/g)) stages.set(m[1], (stages.get(m[1]) ?? 0) + Number(m[2]))
            if (r.status !== 200) return fail(r)
            accepted++
            if (Number(r.json?.credited) > 0) credited++
            else uncredited++
          }),
        )
      }
      await Promise.all(beats)
    }),
  )
  const cpu = process.cpuUsage(cpu0)
  const clientCpuMs = (cpu.user + cpu.system) / 1000
  const clientCores = clientCpuMs / (Date.now() - wall0)
  // Beats sent in the window over the time until the last was answered: a server that falls behind shows here.
  const took = (Math.max(end, lastAnswer) - (t0 + BEAT * 1000)) / 1000
  const beatRate = credited / took

  // Correctly credited: each accepted beat logged once; per member, credited time equals the log and
  // never exceeds the wall-clock span of their beats.
  const check = await db.query<{ member_id: number; events: string; credited: string; span: string; progress: string }>(
    `SELECT e.member_id, count(*) FILTER (WHERE e.kind IN ('heartbeat', 'start')) AS events, sum(e.credited_seconds) AS credited,
            extract(epoch FROM max(e.created_at) - min(e.created_at)) AS span,
            (SELECT sum(p.seconds_credited) FROM study_progress p WHERE p.member_id = e.member_id AND p.item_collection = 'micro-lessons') AS progress
       FROM study_events e JOIN users u ON u.id = e.member_id
      WHERE u.email LIKE 'bench%@bench.edu.cn' AND e.item_collection = 'micro-lessons'
      GROUP BY e.member_id`,
  )
  const logged = check.rows.reduce((s, r) => s + Number(r.events), 0)
  const wrong = check.rows.filter(
    (r) => Math.abs(Number(r.credited) - Number(r.progress)) > 0.01 || Number(r.credited) > Number(r.span) + 0.01,
  )
  const refusals = [...failures.values()].reduce((s, n) => s + n, 0)
  const correct = wrong.length === 0 && logged === accepted + opened && refusals === 0

  // The floor: plain single-row INSERTs into a table like the event log, from this process, on one
  // connection and on 20 at once (the server's two workers each have a pool of 10).
  say('上限对照：同一进程向同一数据库逐行插入……')
  await db.query(
    'CREATE TABLE IF NOT EXISTS bench_rows (id serial PRIMARY KEY, member_id int, beat_id varchar, created_at timestamptz DEFAULT now())',
  )
  const insertRateOn = async (connections: number) => {
    let inserted = 0
    const i0 = Date.now()
    const until = i0 + 10_000
    await Promise.all(
      Array.from({ length: connections }, async (_, m) => {
        const client = await db.connect()
        try {
          while (Date.now() < until) {
            await client.query('INSERT INTO bench_rows (member_id, beat_id) VALUES ($1, $2)', [m, randomUUID()])
            inserted++
          }
        } finally {
          client.release()
        }
      }),
    )
    return inserted / ((Date.now() - i0) / 1000)
  }
  const insertRateOne = await insertRateOn(1)
  const insertRate = await insertRateOn(20)
  await db.end()

  console.log('')
  console.log(
    `心跳（生产构建，限流开启；${MEMBERS} 名学员每 ${BEAT} 秒一次，来自 ${ADDRESSES} 个地址）：已计入 ${credited} 次（另有 0 秒的 ${uncredited} 次）→ ${beatRate.toFixed(0)} 次/秒`,
  )
  console.log(
    `响应时间：p50 ${percentile(latencies, 50).toFixed(0)} ms，p95 ${percentile(latencies, 95).toFixed(0)} ms，p99 ${percentile(latencies, 99).toFixed(0)} ms`,
  )
  const timed = latencies.length
  const inside = [...stages.values()].reduce((a, b) => a + b, 0) / timed
  console.log(
    `每次心跳在服务器内（Server-Timing 平均）：${[...stages].map(([k, v]) => `${{ viewer: '令牌', auth: '调用者检查', limit: '限流（经主进程）', check: '内容与受众检查', credit: '计入（含批量排队与写库）' }[k] ?? k} ${(v / timed).toFixed(2)} ms`).join('，')}；其余 ${(percentile(latencies, 50) - inside).toFixed(2)} ms 为 HTTP、排队与传输（按 p50 计）`,
  )
  console.log(`打开课程（每人首次心跳，含内容与受众检查）：${openRate.toFixed(0)} 次/秒`)
  console.log(`拒绝或失败：${refusals} 次${refusals ? `（${[...failures].map(([k, n]) => `${k}：${n}`).join('；')}）` : ''}`)
  console.log(
    `校验：日志 ${logged} 条 = 接受 ${accepted + opened} 次：${logged === accepted + opened ? '一致' : '不一致'}；计入时长与日志、与实际间隔相符的学员 ${check.rows.length - wrong.length}/${check.rows.length}`,
  )
  console.log(`压测客户端 CPU：${(clientCpuMs / Math.max(1, accepted)).toFixed(3)} ms/次（平均占用 ${clientCores.toFixed(2)} 个核）`)
  console.log(
    `上限（同一进程逐行 INSERT，同一 PostgreSQL）：1 个连接 ${insertRateOne.toFixed(0)} 行/秒，20 个连接 ${insertRate.toFixed(0)} 行/秒`,
  )
  console.log(
    `比值：计入心跳 / 插入上限（20 个连接）= ${((100 * beatRate) / insertRate).toFixed(1)}%（目标 ≥ 35%）；/ 1 个连接 = ${((100 * beatRate) / insertRateOne).toFixed(1)}%`,
  )
  console.log(`参考：同一地址立即拒绝（401，不查数据库）的速率：${routeCeiling.toFixed(0)} 次/秒`)
  console.log(`目标 ≥ 2000 次/秒：${beatRate >= 2000 ? '达到' : '未达到'}`)
  if (!correct) process.exitCode = 1
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit(process.exitCode ?? 0)
