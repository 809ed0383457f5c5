/**
 * `npm run load`: a load test of the production app server (`scripts/server.ts`, as `npm start`
 * runs it, production build). MEMBERS simulated members arrive over the first RAMP seconds (首页,
 * 课程, a course, a few seconds apart) and then, until DURATION is up: browse the member site (首页,
 * 课程, course and lesson pages, 党建动态 and news items, 红色资源库) reading each page THINK
 * seconds; study a lesson in a second "tab" that sends a heartbeat every BEAT seconds (plausible
 * positions, a fresh beat id each, `complete` and the next lesson at the end of one); and take one
 * quiz (its page, start, a few seconds a question, submit). Then per route: count, requests per
 * second, p50 / p95 / p99, errors (4xx/5xx, a redirect to the sign-in page, timeouts), the p95 once
 * everyone has arrived, and each page's unloaded time, CPU and SQL statements; the pages per second
 * asked against the server's ceiling; and a check that every acknowledged heartbeat and every
 * acknowledged start and submission is in the database.
 *
 *   npm run load                                    500 members, 5 minutes
 *   npm run load -- --members 50 --duration 30      a short run
 *   options: --members N  --duration S  --think MIN-MAX (seconds reading each page, default 10-30)
 *            --beat S (heartbeat interval, 15)  --ramp S (members arrive over this, default 60)
 *            --profile DIR (the app server runs with --cpu-prof into DIR; the hottest code is printed)
 *            --cluster (`npm run test:cluster`): the topology of scripts/cluster.ts — two instances behind
 *              HAProxy on shared PostgreSQL, Meilisearch and S3 — with instance a killed (SIGKILL) at
 *              half time and restarted 10 s later; then an upload through a is read through b, a rate
 *              limit is counted once across both, and each nightly schedule ran once. Errors while an
 *              instance is down are reported, not failed; lost acknowledged data fails.
 *
 * Everything runs on throw-away services in a temporary folder, on loopback only, and is bounded in
 * time: each request 10 s, the run DURATION + 15 s (then aborted), the whole command 30 minutes plus
 * DURATION. Targets: no errors, p95 under 300 ms on every route, nothing acknowledged missing from
 * the database. Exit code 1 on lost data or errors; a missed latency target is reported, not failed.
 *
 * Sessions: one member signs in through POST /api/users/login; the others get sessions minted
 * like Payload's own (a users_sessions row and a JWT with the same claims, signed with the same
 * secret), checked against that real token and against GET /api/users/me before the run. So the
 * run makes one login and the login rate limits cannot throttle it; the other per-address limits
 * (heartbeats, quizzes) are scaled only beyond 500 members (RATE_LIMIT_SCALE).
 */
import { randomBytes, randomUUID, createHash } from 'crypto'
import { spawn } from 'child_process'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs'
import getPort from 'get-port'
import { decodeJwt, decodeProtectedHeader, type JWTHeaderParameters, SignJWT } from 'jose'
import path from 'path'
import { setMaxListeners } from 'events'
import { monitorEventLoopDelay } from 'perf_hooks'
import pg from 'pg'
import { Pool as HttpPool } from 'undici'
import { parseArgs } from 'util'

import { startLocalServices } from '../src/services'
import { startCluster, type Cluster } from '../scripts/cluster'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { ROOT, childEnv, prepareDatabase, say } from '../scripts/lib'

// ── options ───────────────────────────────────────────────────────────────────────────────────
const { values: opts } = parseArgs({
  options: {
    members: { type: 'string', default: '500' },
    duration: { type: 'string', default: '300' },
    think: { type: 'string', default: '10-30' },
    beat: { type: 'string', default: '15' },
    ramp: { type: 'string' },
    profile: { type: 'string' },
    cluster: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
if (opts.help) {
  console.log('用法：npm run load -- [--members 500] [--duration 300] [--think 10-30] [--beat 15] [--ramp 60] [--profile 目录] [--cluster]')
  process.exit(0)
}
const MEMBERS = Number(opts.members)
const DURATION_S = Number(opts.duration)
const [THINK_MIN, THINK_MAX] = String(opts.think).split('-').map(Number)
const BEAT_S = Number(opts.beat)
const RAMP_S = opts.ramp !== undefined ? Number(opts.ramp) : Math.min(60, DURATION_S / 5)
for (const [name, v, min] of [
  ['members', MEMBERS, 1],
  ['duration', DURATION_S, 5],
  ['beat', BEAT_S, 1],
  ['think', THINK_MIN, 0],
] as const) {
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} 必须是不小于 ${min} 的数字`)
}
if (!(THINK_MAX >= THINK_MIN)) throw new Error('--think 的格式是 最小秒数-最大秒数，例如 5-15')
if (!(RAMP_S >= 0 && RAMP_S < DURATION_S)) throw new Error('--ramp 必须小于 --duration')

/** Every request gives up after this long (counted as an error). */
const REQUEST_TIMEOUT_MS = 10_000
/** Targets from the issue. */
const P95_TARGET_MS = 300
/** The demo member whose password hash the simulated members share (password below). */
const TEMPLATE_EMAIL = 'member@demo.edu.cn'
const PASSWORD = 'Dangjian@2026'
/** Setup (services, seed, a build if the sources changed) plus the run plus the checks, at most. */
const HARD_LIMIT_MS = 30 * 60_000 + DURATION_S * 1000

const { dir, state, cleanup } = scratch('party-load-')
let cleaning: Promise<void> | null = null
let stopCluster: (() => Promise<void>) | null = null
const stopAll = () =>
  (cleaning ??= (stopCluster ?? (async () => {}))()
    .then(cleanup)
    .catch((e) => console.error(e)))
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)))
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)))
// The whole run is bounded: whatever hangs, the services are stopped and the process ends.
setTimeout(() => {
  console.error(`压测超过 ${Math.round(HARD_LIMIT_MS / 60_000)} 分钟仍未结束，强制停止。`)
  void stopAll().then(() => process.exit(2))
}, HARD_LIMIT_MS).unref()

// ── small helpers ─────────────────────────────────────────────────────────────────────────────
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const t = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
const between = (a: number, b: number) => a + Math.random() * (b - a)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN
const idsIn = (html: string, prefix: string): number[] => {
  const out = new Set<number>()
  for (const m of html.matchAll(new RegExp(`href="${prefix}/(\\d+)"`, 'g'))) out.add(Number(m[1]))
  return [...out]
}
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)}` : '—')

/** CPU seconds used so far by a process and its descendants (Linux /proc), for the report. */
const treeCpuSeconds = (root: number | undefined): number => {
  if (!root) return NaN
  const tick = 100 // USER_HZ on Linux
  const children = new Map<number, number[]>()
  const cpu = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const pid = Number(name)
      const ppid = Number(f[1])
      // Own time plus that of children it has reaped (a finished PostgreSQL backend's time moves there).
      cpu.set(pid, (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick)
      children.set(ppid, [...(children.get(ppid) ?? []), pid])
    } catch {
      // the process ended while we read
    }
  }
  let total = 0
  const stack = [root]
  while (stack.length) {
    const pid = stack.pop()!
    total += cpu.get(pid) ?? 0
    stack.push(...(children.get(pid) ?? []))
  }
  return total
}
const machineBusy = () => {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/)
  const n = f.filter(Boolean).map(Number)
  const idle = n[3] + (n[4] ?? 0)
  return { total: n.reduce((s, x) => s + x, 0), idle }
}

// ── profiling (--profile) ─────────────────────────────────────────────────────────────────────
const PROFILE_DIR = opts.profile ? path.resolve(opts.profile) : null

/** The same server as startAppServer, but as one node process with --cpu-prof (written when it exits). */
const startProfiledServer = async (env: Record<string, string>): Promise<string> => {
  mkdirSync(PROFILE_DIR!, { recursive: true })
  // SIGTERM must end the process normally, or no profile is written.
  const onTerm = path.join(dir, 'exit-on-term.cjs')
  writeFileSync(onTerm, "process.on('SIGTERM', () => process.exit(0))\n")
  const port = await getPort()
  const server = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--require', onTerm, '--import', 'tsx', 'scripts/server.ts'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: childEnv({
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        NEXT_DIST_DIR: '.next-load',
        NEXT_TELEMETRY_DISABLED: '1',
      }),
    },
  )
  state.server = server
  const url = `http://127.0.0.1:${port}`
  for (const until = Date.now() + 120_000; Date.now() < until && server.exitCode === null;) {
    if (
      await fetch(`${url}/`).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return url
    await sleep(300)
  }
  throw new Error('应用服务器没有启动')
}

/** The hottest code of a .cpuprofile: own time by package and by function, total time under app functions. */
const summariseProfile = (file: string) => {
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number; samples: number[] }
  const perSample = (prof.endTime - prof.startTime) / 1000 / Math.max(1, prof.samples.length)
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const where = (n: Node) => {
    const u = n.callFrame.url
    const pkg = u.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]
    if (pkg) return pkg
    if (u.includes('/.next-load/')) return 'next 构建产物'
    if (u.startsWith('node:') || !u) return u ? 'node' : n.callFrame.functionName || '(native)'
    return path.relative(ROOT, u.replace('file://', '')).split('/').slice(0, 2).join('/')
  }
  const selfByPkg = new Map<string, number>()
  const selfByFn = new Map<string, number>()
  const total = new Map<number, number>()
  const inclusive = (n: Node): number => {
    const t = (n.hitCount ?? 0) * perSample + (n.children ?? []).reduce((s, c) => s + inclusive(byId.get(c)!), 0)
    total.set(n.id, t)
    return t
  }
  inclusive(prof.nodes[0])
  let all = 0
  for (const n of prof.nodes) {
    const t = (n.hitCount ?? 0) * perSample
    if (n.callFrame.functionName === '(idle)') continue
    all += t
    selfByPkg.set(where(n), (selfByPkg.get(where(n)) ?? 0) + t)
    const fn = `${n.callFrame.functionName || '(匿名)'} ${where(n)}:${n.callFrame.lineNumber + 1}`
    selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + t)
  }
  // Total time under each function of the app itself (src/, collections/), counted once per stack.
  const appTotal = new Map<string, number>()
  const walk = (n: Node, seen: Set<string>) => {
    const u = n.callFrame.url
    const key =
      !u.includes('node_modules') && /\/(src|collections)\//.test(u)
        ? `${n.callFrame.functionName || '(匿名)'} ${path.relative(ROOT, u.replace('file://', ''))}:${n.callFrame.lineNumber + 1}`
        : null
    if (key && !seen.has(key)) appTotal.set(key, (appTotal.get(key) ?? 0) + total.get(n.id)!)
    const next = key ? new Set(seen).add(key) : seen
    for (const c of n.children ?? []) walk(byId.get(c)!, next)
  }
  walk(prof.nodes[0], new Set())
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${(v / 1000).toFixed(1).padStart(7)} 秒  ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`)
  console.log(`CPU 剖析 ${file}（忙碌 ${(all / 1000).toFixed(1)} 秒，含启动与预热）`)
  console.log('  自身时间，按包：')
  for (const l of top(selfByPkg, 12)) console.log(l)
  console.log('  自身时间，按函数：')
  for (const l of top(selfByFn, 20)) console.log(l)
  console.log('  应用代码（src/、collections/）函数的总时间（含其同步调用；await 之后的部分不在同一调用栈里，计不进来）：')
  for (const l of top(appTotal, 15)) console.log(l)
}

// ── measurements ──────────────────────────────────────────────────────────────────────────────
/** `steady`: latencies of requests sent after the arrivals (ramp + 30 s), when the load is level. */
type RouteStats = { latencies: number[]; steady: number[]; errors: number; redirects: number; samples: string[] }
const routes = new Map<string, RouteStats>()
const windows: Array<{ n: number; errors: number; latencies: number[] }> = []
const WINDOW_MS = 30_000
let measureFrom = 0
const statsOf = (route: string) => {
  let s = routes.get(route)
  if (!s) routes.set(route, (s = { latencies: [], steady: [], errors: 0, redirects: 0, samples: [] }))
  return s
}
const record = (route: string, latency: number, error: string | null, redirect = false) => {
  const s = statsOf(route)
  s.latencies.push(latency)
  if (performance.now() - latency - measureFrom >= (RAMP_S + 30) * 1000) s.steady.push(latency)
  if (redirect) s.redirects++
  const w = (windows[Math.floor((performance.now() - measureFrom) / WINDOW_MS)] ??= { n: 0, errors: 0, latencies: [] })
  w.n++
  w.latencies.push(latency)
  if (error) {
    s.errors++
    w.errors++
    if (s.samples.length < 5) s.samples.push(error)
  }
}

try {
  // ── services, database, build, server ─────────────────────────────────────────────────────
  // --cluster: the two instances, balancer, object store and database of scripts/cluster.ts (migrated and seeded there).
  const cluster: Cluster | null = opts.cluster
    ? await startCluster({
        dir,
        distDir: '.next-load',
        quiet: true,
        database: 'load',
        extraEnv: { MEILI_INDEX: 'content_load', RATE_LIMIT_SCALE: String(Math.ceil(MEMBERS / 500)) },
      })
    : null
  if (cluster) stopCluster = cluster.stop
  const services = cluster
    ? cluster.services
    : (state.services = await startLocalServices({
        dataRoot: dir,
        persistent: false,
        env: {} as NodeJS.ProcessEnv,
        database: 'load',
        log: say,
      }))
  const env = cluster
    ? cluster.env
    : { ...services.env, PAYLOAD_SECRET: randomBytes(24).toString('hex'), MEDIA_DIR: path.join(dir, 'media'), MEILI_INDEX: 'content_load' }
  for (const u of [env.DATABASE_URL, env.MEILI_HOST]) {
    const host = new URL(u).hostname
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`压测只在本机回环地址上运行，但服务地址是 ${host}`)
  }
  if (!cluster) {
    say('准备数据库（迁移 + 演示数据）……')
    if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  }
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, application_name: 'load-test' })

  say(`创建 ${MEMBERS} 名模拟学员……`)
  const template = (await db.query<{ salt: string; hash: string }>(`SELECT salt, hash FROM users WHERE email = $1`, [TEMPLATE_EMAIL]))
    .rows[0]
  if (!template) throw new Error(`演示数据里没有 ${TEMPLATE_EMAIL}`)
  const branches = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE type = 'branch' ORDER BY id`)).rows.map((r) => r.id)
  // Full Party members spread over the demo branches, sharing the demo member's password hash.
  const members = (
    await db.query<{ id: number; email: string }>(
      `INSERT INTO users (name, email, political_stage, organization_id, active, salt, hash, login_attempts, updated_at, created_at)
       SELECT '压测学员' || g, 'load' || g || '@load.edu.cn', 'full', ($2::int[])[1 + g % array_length($2::int[], 1)], true, $3, $4, 0, now(), now()
         FROM generate_series(1, $1::int) g ORDER BY g RETURNING id, email`,
      [MEMBERS, branches, template.salt, template.hash],
    )
  ).rows
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [
    members.map((m) => m.id),
  ])
  // Nightly jobs already ran today, as on a server that has been up: the run measures the steady
  // state, not the catch-up a fresh start does in its first minute.
  const { SCHEDULES } = await import('../src/jobs/scheduler')
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )
  await db.query(
    `INSERT INTO schedule_runs (schedule, period, claimed_by) SELECT unnest($1::text[]), $2, 'load-test' ON CONFLICT DO NOTHING`,
    [SCHEDULES.map((s) => s.name), today],
  )

  // Its own build directory, so a test or benchmark rebuilding `.next-test` cannot pull the build
  // out from under this server.
  if (!cluster) await ensureBuild('.next-load', env)
  // The per-address rate limits (src/auth/rateLimit.ts) allow 500 members behind one address, as on a
  // campus network; a bigger run from this one address scales them in proportion.
  const serverEnv = { ...env, RATE_LIMIT_SCALE: String(Math.ceil(MEMBERS / 500)) }
  const url = cluster
    ? cluster.url
    : PROFILE_DIR
      ? await startProfiledServer(serverEnv)
      : await startAppServer(state, serverEnv, { distDir: '.next-load', quiet: true })
  const origin = new URL(url)
  if (origin.hostname !== '127.0.0.1') throw new Error(`应用服务器不在回环地址上：${origin.hostname}`)
  const serverPid = state.server?.pid

  // One connection per concurrent request a member can have open (browsing + heartbeat), so the
  // client never queues requests itself: measured latency is the server's.
  const http = new HttpPool(url, {
    connections: MEMBERS * 2 + 8,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  })
  const hardStop = new AbortController()
  // Every sleeping member and every request listens for the hard stop.
  setMaxListeners(0, hardStop.signal)

  type Reply = { status: number; text: string; location?: string }
  /** Requests under way (for the hard stop's account of what was still running). */
  const pending = new Map<number, { what: string; since: number }>()
  let requestSeq = 0
  /** One request: measured from sending to the last byte of the answer. Never throws. */
  const call = async (
    route: string,
    method: 'GET' | 'POST',
    urlPath: string,
    cookie: string,
    body?: unknown,
    measured = true,
    extra: Record<string, string> = {},
  ): Promise<Reply | null> => {
    // What a browser on the site sends: same-origin fetch metadata, and its Origin on a POST (the
    // session cookie counts for a write only from a trusted origin).
    const headers: Record<string, string> = { 'accept-language': 'zh-CN,zh;q=0.9', 'sec-fetch-site': 'same-origin' }
    if (cookie) headers.cookie = cookie
    if (method === 'GET') headers.accept = 'text/html,application/xhtml+xml'
    else Object.assign(headers, { 'content-type': 'application/json', origin: origin.origin }, extra)
    const t0 = performance.now()
    const seq = ++requestSeq
    pending.set(seq, { what: `${method} ${urlPath}`, since: t0 })
    try {
      const res = await http.request({
        path: urlPath,
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      const text = await res.body.text()
      const latency = performance.now() - t0
      const location = typeof res.headers.location === 'string' ? res.headers.location : undefined
      let error: string | null = null
      if (res.statusCode >= 400) error = `${method} ${urlPath} → ${res.statusCode} ${text.slice(0, 160).replace(/\s+/g, ' ')}`
      // A page sending a signed-in member to the sign-in page means the session was not accepted.
      else if (location?.startsWith('/login')) error = `${method} ${urlPath} → ${res.statusCode} 跳转到登录页`
      if (measured) record(route, latency, error, res.statusCode >= 300 && res.statusCode < 400)
      return { status: res.statusCode, text, location }
    } catch (e) {
      const latency = performance.now() - t0
      const why =
        (e as Error).name === 'TimeoutError' || (e as { code?: string }).code?.includes('TIMEOUT')
          ? `超时（${REQUEST_TIMEOUT_MS / 1000} 秒）`
          : (e as Error).message
      if (measured) record(route, latency, `${method} ${urlPath} → ${why}`)
      return null
    } finally {
      pending.delete(seq)
    }
  }

  // ── sessions ────────────────────────────────────────────────────────────────────────────────
  say('登录一名学员（真实登录），并按同样的格式为其余学员签发会话……')
  const login = await call('login', 'POST', '/api/users/login', '', { email: members[0].email, password: PASSWORD }, false)
  const realToken = login?.status === 200 ? (JSON.parse(login.text) as { token?: string }).token : undefined
  if (!realToken) throw new Error(`登录失败：${login?.status} ${login?.text.slice(0, 200)}`)
  const decoded = decodeProtectedHeader(realToken)
  // Copied whole (only `b64`, which Payload never sets, typed out of the way).
  const header: JWTHeaderParameters = { ...decoded, alg: decoded.alg ?? 'HS256', b64: undefined }
  const claims = decodeJwt(realToken)
  // Payload signs with the first 32 hex digits of the SHA-256 of PAYLOAD_SECRET, its header carrying its
  // authVersion (Payload 3.90; the header is copied whole); re-signing the real
  // token's own claims must give the very same token, or the minted ones would not be Payload's.
  const secret = new TextEncoder().encode(createHash('sha256').update(env.PAYLOAD_SECRET).digest('hex').slice(0, 32))
  const resigned = await new SignJWT(claims).setProtectedHeader(header).sign(secret)
  if (resigned !== realToken) {
    const parts = ['头部', '声明', '签名'].filter((_, i) => resigned.split('.')[i] !== realToken.split('.')[i])
    const decode = (t: string) => Buffer.from(t.split('.')[1], 'base64url').toString()
    throw new Error(
      `无法按 Payload 的格式签发会话（不同之处：${parts.join('、')}；登录所得 ${decode(realToken)}，重签 ${decode(resigned)}）：请改用逐个登录`,
    )
  }
  const unexpected = Object.keys(claims).filter((k) => !['id', 'collection', 'email', 'sid', 'iat', 'exp'].includes(k))
  if (unexpected.length) say(`注意：令牌里还有 ${unexpected.join('、')}，沿用第一名学员的值`)
  const lifetime = (claims.exp ?? 0) - (claims.iat ?? 0)
  const sids = members.map((_, i) => (i === 0 ? String(claims.sid) : randomUUID()))
  await db.query(
    `INSERT INTO users_sessions (_order, _parent_id, id, created_at, expires_at)
     SELECT 1, m, s, now(), now() + make_interval(secs => $3) FROM unnest($1::int[], $2::text[]) AS x(m, s)`,
    [members.slice(1).map((m) => m.id), sids.slice(1), lifetime],
  )
  const iat = Math.floor(Date.now() / 1000)
  const cookies = await Promise.all(
    members.map(async (m, i) => {
      if (i === 0) return `payload-token=${realToken}`
      const own = Object.fromEntries(
        Object.entries(claims).map(([k, v]) => [
          k,
          k === 'id' ? m.id : k === 'email' ? m.email : k === 'sid' ? sids[i] : k === 'iat' ? iat : k === 'exp' ? iat + lifetime : v,
        ]),
      )
      return `payload-token=${await new SignJWT(own).setProtectedHeader(header).sign(secret)}`
    }),
  )
  for (const i of [1, members.length - 1].filter((i) => i > 0)) {
    const me = await call('me', 'GET', '/api/users/me', cookies[i], undefined, false)
    const id = me?.status === 200 ? (JSON.parse(me.text) as { user?: { id?: number } }).user?.id : undefined
    if (id !== members[i].id) throw new Error(`签发的会话不被接受：/api/users/me → ${me?.status} ${me?.text.slice(0, 200)}`)
  }

  // ── content the members study, and warm-up ──────────────────────────────────────────────────
  const lessons = new Map(
    (
      await db.query<{ id: number; kind: string; duration_minutes: string | null }>(
        `SELECT id, kind, duration_minutes FROM micro_lessons WHERE _status = 'published'`,
      )
    ).rows.map((r) => [r.id, { kind: r.kind, seconds: Math.max(60, Number(r.duration_minutes ?? 5) * 60) }]),
  )
  // The start-up reconciliation fills the search index (recommendations on 首页); wait for it.
  const indexed = async () => {
    const res = await fetch(`${env.MEILI_HOST}/indexes/${env.MEILI_INDEX}/stats`, {
      headers: { Authorization: `Bearer ${env.MEILI_MASTER_KEY}` },
    }).catch(() => null)
    return res?.ok ? (((await res.json()) as { numberOfDocuments?: number }).numberOfDocuments ?? 0) : 0
  }
  for (const until = Date.now() + 90_000; Date.now() < until && (await indexed()) === 0;) await sleep(1000)
  say(`搜索索引：${await indexed()} 条`)
  say('预热，并逐个请求测出空载时每类页面的时间（不计入结果）……')
  const unloaded = new Map<string, { p50: number; cpu: number; sql: number }>()
  let ceiling = 0
  {
    const c = cookies[0]
    const courses = idsIn((await call('', 'GET', '/courses', c, undefined, false))?.text ?? '', '/courses')
    const lessonIds = courses.length
      ? idsIn((await call('', 'GET', `/courses/${courses[0]}`, c, undefined, false))?.text ?? '', '/lessons')
      : []
    const news = idsIn((await call('', 'GET', '/news', c, undefined, false))?.text ?? '', '/news')
    const resources = idsIn((await call('', 'GET', '/resources', c, undefined, false))?.text ?? '', '/resources')
    const quizzes = idsIn((await call('', 'GET', '/quizzes', c, undefined, false))?.text ?? '', '/quizzes')
    if (!courses.length || !lessonIds.length || !news.length || !resources.length || !quizzes.length)
      throw new Error('学员看不到课程、微党课、新闻、红色资源或测验：页面结构可能已变')
    const pages: Array<[string, string]> = [
      ['/', '/'],
      ['/courses', '/courses'],
      ['/courses/:id', `/courses/${courses[0]}`],
      ['/lessons/:id', `/lessons/${lessonIds[0]}`],
      ['/news', '/news'],
      ['/news/:id', `/news/${news[0]}`],
      ['/resources', '/resources'],
      ['/resources/:id', `/resources/${resources[0]}`],
      ['/quizzes', '/quizzes'],
      ['/quizzes/:id', `/quizzes/${quizzes[0]}`],
    ]
    for (let i = 0; i < 3; i++) for (const [, p] of pages) await call('', 'GET', p, cookies[i + 1] ?? c, undefined, false)
    // One at a time: the time of a page with nothing else going on, and the CPU it costs the app
    // server and PostgreSQL (what bounds the pages per second two cores can serve).
    // Statements per page: each of Payload's queries outside a transaction is one commit; the
    // server's statistics reach pg_stat_database within a second of going idle.
    const commits = async () => {
      await sleep(1200)
      return Number(
        (await db.query<{ n: string }>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n,
      )
    }
    const RUNS = 8
    for (const [route, p] of pages) {
      const xs: number[] = []
      const sql0 = await commits()
      const cpu0 = treeCpuSeconds(serverPid) + treeCpuSeconds(services.pids.postgres)
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now()
        await call('', 'GET', p, cookies[(i + 4) % cookies.length], undefined, false)
        xs.push(performance.now() - t)
      }
      const cpu = (treeCpuSeconds(serverPid) + treeCpuSeconds(services.pids.postgres) - cpu0) / RUNS
      // Less this check's own statement.
      const sql = ((await commits()) - sql0 - 1) / RUNS
      unloaded.set(route, {
        p50: percentile(
          xs.sort((a, b) => a - b),
          50,
        ),
        cpu: cpu * 1000,
        sql,
      })
    }
    // The ceiling: a few clients requesting the same pages back to back, as fast as they are
    // answered; the pages per second the server manages at most, next to what the run asks of it.
    const CLIENTS = 8
    const until = Date.now() + 15_000
    let served = 0
    const t = performance.now()
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = c; Date.now() < until; i++) {
          const r = await call('', 'GET', pages[i % pages.length][1], cookies[(12 + c) % cookies.length], undefined, false)
          if (r?.status === 200) served++
        }
      }),
    )
    ceiling = served / ((performance.now() - t) / 1000)
  }

  // ── the simulated members ───────────────────────────────────────────────────────────────────
  const acknowledgedBeats: Array<{ memberId: number; beatId: string }> = []
  const submitted: Array<{ memberId: number; attemptId: number; score: number }> = []
  const started: Array<{ memberId: number; attemptId: number }> = []
  let quizzesTaken = 0
  let completedLessons = 0

  let active = 0
  const simulate = async (index: number, startAt: number, endAt: number) => {
    const memberId = members[index].id
    const cookie = cookies[index]
    /** A page's HTML, or '' when it failed (the member reads on and tries again later, as people do). */
    const page = async (route: string, p: string) => {
      const r = await call(route, 'GET', p, cookie)
      return r && r.status < 400 ? r.text : ''
    }
    const known = { courses: [] as number[], lessons: [] as number[], news: [] as number[], resources: [] as number[] }
    const live = () => Date.now() < endAt
    /** Waits, but never past the end of the run. */
    const nap = (ms: number) => sleep(Math.min(ms, endAt - Date.now()), hardStop.signal)
    /** Reading a page; a click through a navigation page is quicker. */
    const think = () => nap(between(THINK_MIN, THINK_MAX) * 1000)
    const click = () => nap(between(2, 6) * 1000)

    // The "player tab": a lesson of the chosen course, a heartbeat every BEAT_S seconds while time
    // lasts; at the lesson's end `complete`, then the next lesson.
    const study = async () => {
      let at = Math.floor(Math.random() * known.lessons.length)
      const beat = async (lessonId: number, event: 'start' | 'heartbeat' | 'complete', position: number, scrolledToEnd?: boolean) => {
        const beatId = randomUUID()
        const body = {
          collection: 'micro-lessons',
          id: lessonId,
          event,
          position,
          beatId,
          ...(scrolledToEnd === undefined ? {} : { scrolledToEnd }),
        }
        const r = await call('POST /api/study/heartbeat', 'POST', '/api/study/heartbeat', cookie, body)
        if (r && r.status >= 200 && r.status < 300) acknowledgedBeats.push({ memberId, beatId })
      }
      while (live()) {
        const lessonId = known.lessons[at]
        const { kind, seconds } = lessons.get(lessonId)!
        const article = kind === 'article'
        // No player without its page: a failed page is opened again a little later.
        if (!(await page('/lessons/:id', `/lessons/${lessonId}`))) {
          await think()
          continue
        }
        const openedAt = Date.now()
        await beat(lessonId, 'start', 0, article ? false : undefined)
        let next = openedAt + between(BEAT_S - 1, BEAT_S + 1) * 1000
        let finished = false
        while (!finished) {
          await nap(next - Date.now())
          if (!live()) return
          next += BEAT_S * 1000
          // Media plays on from 0; an article is read at its expected pace and ends scrolled down.
          const elapsed = (Date.now() - openedAt) / 1000
          finished = elapsed >= seconds
          const position = article
            ? Math.round(Math.min(1, elapsed / seconds) * 1000) / 1000
            : Math.round(Math.min(elapsed, seconds) * 10) / 10
          await beat(lessonId, 'heartbeat', position, article ? finished : undefined)
          if (finished) {
            await beat(lessonId, 'complete', position, article ? true : undefined)
            completedLessons++
          }
        }
        at = (at + 1) % known.lessons.length
      }
    }

    // One quiz: its page, start, a few seconds a question, submit (before the run ends).
    const takeQuiz = async () => {
      const quizzes = idsIn(await page('/quizzes', '/quizzes'), '/quizzes')
      if (!quizzes.length || !live()) return
      const quizId = pick(quizzes)
      await page('/quizzes/:id', `/quizzes/${quizId}`)
      await click()
      if (!live()) return
      // The site's quiz page sends an idempotency key with start and submit (a retry is then safe).
      const r = await call('POST /api/quiz-attempts/start', 'POST', '/api/quiz-attempts/start', cookie, { quizId }, true, {
        'idempotency-key': randomUUID(),
      })
      if (!r || r.status !== 200) return
      const paper = JSON.parse(r.text) as {
        attemptId: number
        questions: Array<{ id: number; type: string; options?: Array<{ key: string }> | null }>
      }
      started.push({ memberId, attemptId: paper.attemptId })
      quizzesTaken++
      // A few seconds a question; near the end of the run, sooner (spread out, never all at once).
      const answering = paper.questions.length * between(2, 5) * 1000
      const left = endAt - Date.now() - 2000
      await nap(answering <= left ? answering : between(0.1, 0.9) * left)
      const answers: Record<string, string[]> = {}
      for (const q of paper.questions) {
        const keys = (q.options ?? []).map((o) => o.key)
        if (q.type === 'fillIn') answers[q.id] = ['人民']
        else if (q.type === 'trueFalse') answers[q.id] = [pick(keys.length ? keys : ['correct', 'wrong'])]
        else if (q.type === 'multiple') {
          const chosen = keys.filter(() => Math.random() < 0.5)
          answers[q.id] = chosen.length || !keys.length ? chosen : [pick(keys)]
        } else answers[q.id] = keys.length ? [pick(keys)] : []
      }
      const s = await call(
        'POST /api/quiz-attempts/:id/submit',
        'POST',
        `/api/quiz-attempts/${paper.attemptId}/submit`,
        cookie,
        { answers },
        true,
        { 'idempotency-key': randomUUID() },
      )
      if (s && s.status === 200)
        submitted.push({ memberId, attemptId: paper.attemptId, score: (JSON.parse(s.text) as { score: number }).score })
    }

    // The "browsing tab": a page, read for a while, the next; the quiz somewhere between a tenth
    // and three fifths of the run.
    const browse = async () => {
      const quizAt = startAt + between(0.1, 0.6) * (endAt - startAt)
      let quizDone = false
      while (live()) {
        await think()
        if (!live()) return
        if (!quizDone && Date.now() >= quizAt) {
          quizDone = true
          await takeQuiz()
          continue
        }
        const r = Math.random()
        const keep = (ids: number[], old: number[]) => (ids.length ? ids : old)
        if (r < 0.2) await page('/', '/')
        else if (r < 0.32) known.courses = keep(idsIn(await page('/courses', '/courses'), '/courses'), known.courses)
        else if (r < 0.47) await page('/courses/:id', `/courses/${pick(known.courses)}`)
        else if (r < 0.57) await page('/lessons/:id', `/lessons/${pick(known.lessons)}`)
        else if (r < 0.7) known.news = keep(idsIn(await page('/news', '/news'), '/news'), known.news)
        else if (r < 0.85 && known.news.length) await page('/news/:id', `/news/${pick(known.news)}`)
        else if (r < 0.93) known.resources = keep(idsIn(await page('/resources', '/resources'), '/resources'), known.resources)
        else if (known.resources.length) await page('/resources/:id', `/resources/${pick(known.resources)}`)
        else known.news = keep(idsIn(await page('/news', '/news'), '/news'), known.news)
      }
    }

    await sleep(startAt - Date.now(), hardStop.signal)
    if (!live()) return
    active++
    try {
      // Arrive: 首页, 课程, a course with lessons (a failed page is tried again), then study and browse.
      // After a failed page a person waits a while before trying again (no retry storm).
      let html = await page('/', '/')
      while (live() && !known.lessons.length) {
        await (html ? click() : think())
        if (!live()) break
        if (!known.courses.length) known.courses = idsIn((html = await page('/courses', '/courses')), '/courses')
        else
          known.lessons = idsIn((html = await page('/courses/:id', `/courses/${pick(known.courses)}`)), '/lessons').filter((id) =>
            lessons.has(id),
          )
      }
      await click()
      if (live()) await Promise.all([study(), browse()])
    } finally {
      active--
    }
  }

  say(
    `压测：${MEMBERS} 名学员，${DURATION_S} 秒（前 ${RAMP_S.toFixed(0)} 秒内陆续进入），页间停留 ${THINK_MIN}–${THINK_MAX} 秒，心跳每 ${BEAT_S} 秒……`,
  )
  const loopDelay = monitorEventLoopDelay({ resolution: 20 })
  loopDelay.enable()
  const cpu0 = {
    server: treeCpuSeconds(serverPid),
    postgres: treeCpuSeconds(services.pids.postgres),
    meili: treeCpuSeconds(services.pids.meilisearch),
    self: process.cpuUsage(),
    machine: machineBusy(),
  }
  measureFrom = performance.now()
  const t0 = Date.now()
  const endAt = t0 + DURATION_S * 1000
  // The app server's database connections by state: all of them "idle in transaction" while
  // requests time out means its pool is exhausted by transactions waiting for another connection.
  const connections = async () =>
    (
      await db.query<{ state: string; n: number }>(
        `SELECT coalesce(state, '?') AS state, count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND application_name <> 'load-test' AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1`,
      )
    ).rows
      .map((r) => `${r.state} ${r.n}`)
      .join('，')
  const progress = setInterval(() => {
    const n = [...routes.values()].reduce((s, r) => s + r.latencies.length, 0)
    const e = [...routes.values()].reduce((s, r) => s + r.errors, 0)
    void connections().then(
      (c) => say(`  ${((Date.now() - t0) / 1000).toFixed(0)} 秒：${n} 次请求，错误 ${e} 次；应用的数据库连接：${c}`),
      () => undefined,
    )
  }, 30_000)
  // Soft end at DURATION_S (no new requests), hard end REQUEST_TIMEOUT later (in-flight ones aborted).
  let hardStopped = ''
  const hardTimer = setTimeout(
    () => {
      const oldest = [...pending.values()].sort((a, b) => a.since - b.since)[0]
      hardStopped = `硬停止：${active} 名学员仍在运行，${pending.size} 个请求未完成${oldest ? `（最早的 ${oldest.what} 已 ${((performance.now() - oldest.since) / 1000).toFixed(0)} 秒）` : ''}`
      hardStop.abort()
      void http.destroy().catch(() => {})
    },
    DURATION_S * 1000 + REQUEST_TIMEOUT_MS + 5000,
  )
  // --cluster: instance a crashes at half time and comes back 10 s later, while members go on.
  const outage: { killedAt?: number; backAt?: number } = {}
  const crash = cluster
    ? sleep(DURATION_S * 500, hardStop.signal).then(async () => {
        if (hardStop.signal.aborted) return
        await cluster.instances[0].kill()
        outage.killedAt = (Date.now() - t0) / 1000
        say(`  ${outage.killedAt.toFixed(0)} 秒：应用实例 a 被强制终止（SIGKILL）`)
        await sleep(10_000)
        await cluster.instances[0].start()
        outage.backAt = (Date.now() - t0) / 1000
        say(`  ${outage.backAt.toFixed(0)} 秒：应用实例 a 重新启动并通过健康检查`)
      })
    : Promise.resolve()
  await Promise.all(
    members.map((_, i) =>
      simulate(i, t0 + (i / MEMBERS) * RAMP_S * 1000, endAt).catch((e) => record('simulator', 0, `模拟程序出错：${(e as Error).message}`)),
    ),
  )
  await crash
  clearTimeout(hardTimer)
  clearInterval(progress)
  const took = (Date.now() - t0) / 1000
  loopDelay.disable()
  const self = process.cpuUsage(cpu0.self)
  const machine = machineBusy()
  const cpu = {
    server: treeCpuSeconds(serverPid) - cpu0.server,
    postgres: treeCpuSeconds(services.pids.postgres) - cpu0.postgres,
    meili: treeCpuSeconds(services.pids.meilisearch) - cpu0.meili,
    self: (self.user + self.system) / 1e6,
    machineBusy: 1 - (machine.idle - cpu0.machine.idle) / (machine.total - cpu0.machine.total),
  }
  // Did the server come through? /api/ready checks the database within 2 s.
  const after = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).then(
    async (r) => `${r.status}${r.status === 200 ? '' : ` ${(await r.text()).slice(0, 160)}`}`,
    (e: Error) => `无应答（${e.message}）`,
  )
  const readyAfter = after
  const connectionsAfter = await connections().catch((e) => (e as Error).message)
  // What the connections held in an open transaction ran last (where a stuck transaction stopped).
  const stuck = (
    await db.query<{ query: string; n: number; seconds: number }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, count(*)::int AS n, max(extract(epoch FROM now() - state_change))::int AS seconds
         FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND application_name <> 'load-test' GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
    )
  ).rows
  await http.close().catch(() => {})

  // ── verification: everything acknowledged is in the database ────────────────────────────────
  say('核对数据库……')
  const lostBeats = (
    await db.query<{ m: number; b: string }>(
      `SELECT a.m, a.b FROM unnest($1::int[], $2::text[]) AS a(m, b)
        WHERE NOT EXISTS (SELECT 1 FROM study_events e WHERE e.member_id = a.m AND e.beat_id = a.b)`,
      [acknowledgedBeats.map((b) => b.memberId), acknowledgedBeats.map((b) => b.beatId)],
    )
  ).rows
  const storedBeats = Number(
    (await db.query<{ n: string }>(`SELECT count(*) AS n FROM study_events WHERE member_id = ANY($1::int[])`, [members.map((m) => m.id)]))
      .rows[0].n,
  )
  const lostAttempts = (
    await db.query<{ id: number }>(
      `SELECT x.id FROM unnest($1::int[], $2::int[], $3::int[]) AS x(id, m, score)
        WHERE NOT EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.id = x.id AND q.member_id = x.m AND q.status = 'submitted' AND q.score = x.score)`,
      [submitted.map((s) => s.attemptId), submitted.map((s) => s.memberId), submitted.map((s) => s.score)],
    )
  ).rows
  const lostStarts = (
    await db.query<{ id: number }>(
      `SELECT x.id FROM unnest($1::int[], $2::int[]) AS x(id, m) WHERE NOT EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.id = x.id AND q.member_id = x.m)`,
      [started.map((s) => s.attemptId), started.map((s) => s.memberId)],
    )
  ).rows
  const progressRows = Number(
    (await db.query<{ n: string }>(`SELECT count(*) AS n FROM study_progress WHERE member_id = ANY($1::int[])`, [members.map((m) => m.id)]))
      .rows[0].n,
  )
  // ── --cluster: what several instances must share ──────────────────────────────────────────────
  const clusterChecks: Array<[string, boolean, string]> = []
  if (cluster) {
    const [a, b] = cluster.instances
    // An upload through instance a, read through instance b (each has its own local media folder).
    const login = await fetch(`${a.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@demo.edu.cn', password: PASSWORD }),
    })
    const token = ((await login.json()) as { token?: string }).token ?? ''
    const sharp = (await import('sharp')).default
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c8102e' } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `cluster-${Date.now()}.png`)
    form.append('_payload', JSON.stringify({ alt: '集群测试图片' }))
    const uploaded = await fetch(`${a.url}/api/media?depth=0`, { method: 'POST', headers: { Authorization: `JWT ${token}` }, body: form })
    const doc = ((await uploaded.json().catch(() => ({}))) as { doc?: { filename?: string } }).doc
    const served = doc?.filename
      ? await fetch(`${b.url}/api/media/file/${encodeURIComponent(doc.filename)}`, { headers: { Authorization: `JWT ${token}` } })
      : null
    const same = served?.status === 200 && Buffer.compare(Buffer.from(await served.arrayBuffer()), png) === 0
    clusterChecks.push([
      '经实例 a 上传的文件由实例 b 提供',
      same,
      `上传 ${uploaded.status}，实例 b 读取 ${served?.status ?? '—'}${same ? '，字节一致' : ''}`,
    ])
    // A rate limit counted once across both: 找回密码 allows 3 per account per 15 minutes.
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const target = i % 2 === 0 ? a : b
      const r = await fetch(`${target.url}/api/users/forgot-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: members[0].email }),
      })
      statuses.push(r.status)
    }
    const firstRefusal = statuses.indexOf(429) + 1
    clusterChecks.push([
      '限流在两个实例间合计（找回密码每账号 15 分钟 3 次）',
      firstRefusal === 4,
      `交替发往 a、b 的 6 次请求：${statuses.join(' ')}`,
    ])
  }
  await db.end()

  // ── report ──────────────────────────────────────────────────────────────────────────────────
  const order = [
    '/',
    '/courses',
    '/courses/:id',
    '/lessons/:id',
    '/news',
    '/news/:id',
    '/resources',
    '/resources/:id',
    '/quizzes',
    '/quizzes/:id',
    'POST /api/study/heartbeat',
    'POST /api/quiz-attempts/start',
    'POST /api/quiz-attempts/:id/submit',
  ]
  const names = [...routes.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
  const all: number[] = []
  let errors = 0
  const slow: string[] = []
  const allSteady: number[] = []
  const steadyP95 = (xs: number[]) =>
    xs.length
      ? ms(
          percentile(
            [...xs].sort((a, b) => a - b),
            95,
          ),
        )
      : '—'
  const rows = names.map((name) => {
    const s = routes.get(name)!
    allSteady.push(...s.steady)
    const sorted = [...s.latencies].sort((a, b) => a - b)
    all.push(...sorted)
    errors += s.errors
    const p95 = percentile(sorted, 95)
    if (!(p95 < P95_TARGET_MS)) slow.push(`${name}（p95 ${ms(p95)} ms）`)
    return [
      name,
      String(sorted.length),
      (sorted.length / took).toFixed(1),
      ms(percentile(sorted, 50)),
      ms(p95),
      ms(percentile(sorted, 99)),
      ms(sorted[sorted.length - 1]),
      String(s.errors) + (s.redirects ? `（跳转 ${s.redirects}）` : ''),
      steadyP95(s.steady),
      unloaded.has(name) ? `${ms(unloaded.get(name)!.p50)} / ${ms(unloaded.get(name)!.cpu)} / ${unloaded.get(name)!.sql.toFixed(0)}` : '',
    ]
  })
  all.sort((a, b) => a - b)
  rows.push([
    '合计',
    String(all.length),
    (all.length / took).toFixed(1),
    ms(percentile(all, 50)),
    ms(percentile(all, 95)),
    ms(percentile(all, 99)),
    ms(all[all.length - 1]),
    String(errors),
    steadyP95(allSteady),
    '',
  ])
  const head = ['路由', '请求数', '每秒', 'p50 ms', 'p95 ms', 'p99 ms', '最大 ms', '错误', '稳态 p95', '空载 p50 ms / CPU ms / SQL']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] + 2) : c.padStart(widths[i]))).join('  ')

  console.log('')
  console.log(`负载：${MEMBERS} 名学员，${took.toFixed(0)} 秒（生产构建，scripts/server.ts，127.0.0.1；压测程序与服务器在同一台机器上）`)
  console.log(line(head))
  for (const r of rows) console.log(line(r))
  console.log(
    `（稳态：第 ${(RAMP_S + 30).toFixed(0)} 秒以后发出的请求，学员都已进入；空载：压测前逐个请求各 8 次的 p50，及每次请求花费应用服务器与 PostgreSQL 的 CPU 毫秒数、约执行的 SQL 语句数（含后台任务，仅供参考））`,
  )
  const pagesAsked = names.filter((n) => n.startsWith('/')).reduce((sum, n) => sum + routes.get(n)!.latencies.length, 0) / took
  console.log(`页面：压测中平均每秒 ${pagesAsked.toFixed(1)} 页；上限（压测前 8 个客户端连续请求 15 秒）每秒 ${ceiling.toFixed(1)} 页`)
  console.log('')
  console.log(
    `每 ${WINDOW_MS / 1000} 秒：${windows
      .map(
        (w, i) =>
          `${(i * WINDOW_MS) / 1000}s ${((w?.n ?? 0) / (WINDOW_MS / 1000)).toFixed(1)}/s p95 ${ms(
            percentile(
              [...(w?.latencies ?? [])].sort((a, b) => a - b),
              95,
            ),
          )}${w?.errors ? ` 错${w.errors}` : ''}`,
      )
      .join(' · ')}`,
  )
  console.log(
    `CPU（核·秒 / 运行秒数）：应用服务器 ${(cpu.server / took).toFixed(2)}，PostgreSQL ${(cpu.postgres / took).toFixed(2)}，Meilisearch ${(cpu.meili / took).toFixed(2)}，压测程序 ${(cpu.self / took).toFixed(2)}；整机忙碌 ${(100 * cpu.machineBusy).toFixed(0)}%（含同机其他进程）`,
  )
  console.log(
    `压测程序事件循环延迟：p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms，最大 ${(loopDelay.max / 1e6).toFixed(0)} ms（大时说明压测程序自己成了瓶颈）`,
  )
  if (hardStopped) console.log(hardStopped)
  console.log(`压测结束后：/api/ready → ${readyAfter}；应用的数据库连接：${connectionsAfter}`)
  for (const q of stuck) console.log(`  事务中空闲 ${q.n} 个（最长 ${q.seconds} 秒），最后的语句：${q.query}`)
  console.log(
    `活动：心跳确认 ${acknowledgedBeats.length} 次，完成微党课 ${completedLessons} 次，开始测验 ${quizzesTaken} 次，交卷确认 ${submitted.length} 次`,
  )
  if (errors) {
    console.log('')
    console.log('错误示例：')
    for (const name of names) for (const sample of routes.get(name)!.samples) console.log(`  [${name}] ${sample}`)
  }
  console.log('')
  console.log('核对：')
  console.log(
    `  已确认的心跳 ${acknowledgedBeats.length} 次，数据库中缺少 ${lostBeats.length} 次${lostBeats.length ? `（例：学员 ${lostBeats[0].m} 的 ${lostBeats[0].b}）` : ''}；这些学员的心跳记录共 ${storedBeats} 条（多出的是未收到确认的请求）`,
  )
  console.log(
    `  已确认交卷 ${submitted.length} 次，数据库中未记为已交卷或分数不符 ${lostAttempts.length} 次${lostAttempts.length ? `（例：答题 ${lostAttempts[0].id}）` : ''}；已确认开始的答题缺少 ${lostStarts.length} 次`,
  )
  console.log(`  学习进度记录 ${progressRows} 条`)
  if (cluster) {
    console.log(
      `  集群：实例 a 在第 ${outage.killedAt?.toFixed(0) ?? '—'} 秒被强制终止，第 ${outage.backAt?.toFixed(0) ?? '—'} 秒恢复；其间及之后的错误 ${errors} 次（见上表，停机时进行中的请求）`,
    )
    for (const [what, ok, detail] of clusterChecks) console.log(`  ${what}：${ok ? 'PASS' : 'FAIL'}（${detail}）`)
  }
  const lost = lostBeats.length + lostAttempts.length + lostStarts.length
  // Nothing acknowledged would make the check vacuous (a short run may end before any quiz is handed in).
  const noActivity = (acknowledgedBeats.length === 0 && DURATION_S >= 60) || (submitted.length === 0 && DURATION_S >= 120)
  console.log('')
  console.log(`结果：错误数 0 —— ${errors === 0 ? 'PASS' : `FAIL（${errors} 次）`}`)
  console.log(`结果：每个路由 p95 < ${P95_TARGET_MS} ms —— ${slow.length ? `FAIL：${slow.join('，')}` : 'PASS'}`)
  console.log(
    `结果：已确认的数据无丢失 —— ${lost === 0 && !noActivity ? 'PASS' : noActivity ? 'FAIL（没有确认任何心跳或交卷，核对无从谈起）' : `FAIL（缺少 ${lost} 条）`}`,
  )
  // In the cluster run, requests under way when an instance is killed fail by design; what must hold
  // is that nothing acknowledged is lost and the shared parts behave as one.
  const clusterFailed = clusterChecks.some(([, ok]) => !ok)
  if (lost || noActivity || (errors && !cluster) || clusterFailed) process.exitCode = 1
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await stopAll()
}
if (PROFILE_DIR) {
  const profiles = readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile'))
  // The newest run's main thread: the largest of its files (tsx's loader thread writes a small one).
  const files = profiles.map((f) => path.join(PROFILE_DIR, f)).map((f) => ({ f, s: statSync(f) }))
  const latest = Math.max(...files.map((x) => x.s.mtimeMs))
  const main = files.filter((x) => latest - x.s.mtimeMs < 60_000).sort((a, b) => b.s.size - a.s.size)[0]?.f
  if (main) summariseProfile(main)
  else console.log(`没有找到 CPU 剖析文件（${PROFILE_DIR}）`)
}
process.exit(process.exitCode ?? 0)
