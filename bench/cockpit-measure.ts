/**
 * The measuring half of `npm run bench:cockpit` (bench/cockpit.ts fills the database, then runs this
 * in a child process on it): Payload in this process for direct calls, the production app server for
 * HTTP, the raw aggregate for the floor, and one line per target of issue 18 §5.
 *
 * Its own process because loading the app after a long fill stalled here three times in five runs
 * (Node 20 + tsx: Payload's start never settled, no connection opened, no error); the parent restarts
 * this process when it has not said APP_READY in time — a stall that cannot be undone inside one process.
 */
import pg from 'pg'
import { getPayload } from 'payload'
import { Agent } from 'undici'

import config from '../payload.config'
import { cockpitData } from '../src/cockpit/data'
import { COCKPIT_QUERIES } from '../src/cockpit/queries'
import { scopeOf } from '../src/cockpit/scope'
import { closePayload } from '../src/db/migrate'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { APP_READY, say } from '../scripts/lib'

type Context = { members: number; runs: number; branches: number[]; counts: { e: number; p: number; q: number } }
const context = JSON.parse(process.env.BENCH_CONTEXT ?? '{}') as Context
const MEMBERS = context.members
const RUNS = context.runs
const branches = context.branches
const counts = context.counts
const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))
const { state, cleanup } = scratch('party-bench-measure-')
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const time = async (runs: number, f: () => Promise<unknown>) => {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    out.push(performance.now() - t)
  }
  return out
}
/** One line per target: the figure, the target, PASS or MISS. */
const targetLine = (label: string, value: number, target: number, unit: string) =>
  `  ${label}：${unit ? value.toFixed(1) : value.toFixed(3)}${unit && ' ' + unit}，目标 ≤ ${target}${unit && ' ' + unit}  ${value <= target ? 'PASS' : 'MISS'}`
const fmt2 = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} ms`
const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms，p95 ${percentile(xs, 95).toFixed(1)} ms`

try {
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 })
  const payload = await getPayload({ config })
  say(APP_READY)
  const committee = (await payload.find({ collection: 'users', where: { email: { equals: 'committee@demo.edu.cn' } }, depth: 0 })).docs[0]
  const committeeReq = { user: { ...committee, collection: 'users' as const }, payload }
  const university = await scopeOf(committeeReq)
  const branch = await scopeOf(committeeReq, branches[Math.floor(branches.length / 2)])
  say(`驾驶舱范围：全校 ${university.orgIds.length} 个组织；支部 ${branch.root.name}`)

  if (process.env.BENCH_PROFILE) {
    // Where the committee view's time goes: each query under EXPLAIN ANALYZE, then the whole call.
    for (const [name, q] of Object.entries(COCKPIT_QUERIES)) {
      const [text, params] = q(university, new Date().getFullYear(), { expected: 20, target: 32, cadreExpected: 35, cadreTarget: 56 })
      let plan: string[] = []
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows.map((r) => r['QUERY PLAN'] as string)
        times.push(Number(plan.at(-1)?.match(/([\d.]+) ms/)?.[1] ?? NaN))
      }
      say(`${name}：执行 ${fmt(times)}`)
      if (name === 'groups' || process.env.BENCH_PROFILE === 'all') console.log(plan.join('\n'))
    }
    say(`cockpitData 直接调用：${fmt(await time(RUNS, () => cockpitData(payload, university)))}`)
    if (process.env.BENCH_HOLD) {
      // Keeps the database for trying query changes by hand (psql on the URL below) until SIGUSR2.
      say(`数据库保留：${env.DATABASE_URL}（kill -USR2 ${process.pid} 结束）`)
      await new Promise((resolve) => process.once('SIGUSR2', resolve))
    }
    await closePayload(payload)
    process.exit(0)
  }

  await ensureBuild('.next-test', env)
  const url = await startAppServer(state, { ...env, JOBS_IN_APP: 'false' }, { quiet: true })
  const login = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'committee@demo.edu.cn', password: 'Dangjian@2026' }),
  })
  const token = ((await login.json()) as { token: string }).token
  // The server's own account of each request (Server-Timing: scope, data, content, json), per view.
  const steps = new Map<string, Map<string, number[]>>()
  let bytes = 0
  const http = async (q: string, label = q) => {
    const res = await fetch(`${url}/api/cockpit${q}`, { headers: { Authorization: `JWT ${token}` } })
    if (res.status !== 200) throw new Error(`cockpit ${res.status}`)
    bytes = (await res.arrayBuffer()).byteLength
    const view = steps.get(label) ?? new Map<string, number[]>()
    for (const m of (res.headers.get('server-timing') ?? '').matchAll(/([\w-]+);dur=([\d.]+)/g))
      view.set(m[1], [...(view.get(m[1]) ?? []), Number(m[2])])
    steps.set(label, view)
  }
  // Warm-up, each request on a new connection so that every worker process gets some (the kernel
  // hands connections to workers; one kept-alive connection would warm one worker only).
  for (let i = 0; i < 10; i++) {
    await cockpitData(payload, university)
    const fresh = new Agent()
    await fetch(`${url}/api/cockpit`, { headers: { Authorization: `JWT ${token}` }, dispatcher: fresh } as RequestInit).then((r) =>
      r.arrayBuffer(),
    )
    await fresh.close()
  }

  // The same figures from the raw tables: per member hours and quiz results, months, top items.
  const raw = (orgIds: number[]) =>
    db.query(
      `WITH m AS (SELECT u.id FROM users u WHERE u.organization_id = ANY($1::int[]) AND u.active IS NOT FALSE AND u.political_stage::text IN ('probationary', 'full')
                    AND EXISTS (SELECT 1 FROM users_roles r WHERE r.parent_id = u.id AND r.value = 'member')),
            h AS (SELECT p.member_id, sum(p.hours_credited) AS hours, count(*) AS completions FROM study_progress p JOIN m ON m.id = p.member_id
                   WHERE p.completed_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' GROUP BY 1),
            q AS (SELECT a.member_id, count(*) AS attempts, count(*) FILTER (WHERE a.passed) AS passed, sum(a.score) AS score FROM quiz_attempts a JOIN m ON m.id = a.member_id
                   WHERE a.status = 'submitted' AND a.submitted_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' GROUP BY 1),
            s AS (SELECT extract(month FROM created_at AT TIME ZONE 'Asia/Shanghai') AS month, sum(credited_seconds) AS seconds FROM study_events
                   WHERE organization_id = ANY($1::int[]) AND created_at >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' GROUP BY 1),
            t AS (SELECT item_id, count(*) AS n FROM study_progress WHERE organization_id = ANY($1::int[]) AND completed_at IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 10)
       SELECT (SELECT count(*) FROM m) AS members, (SELECT count(*) FILTER (WHERE hours >= 32) FROM h) AS done, (SELECT sum(attempts) FROM q) AS attempts,
              (SELECT json_agg(s) FROM s) AS months, (SELECT json_agg(t) FROM t) AS top`,
      [orgIds],
    )

  say(`测量（每项 ${RUNS} 次）……`)
  const uniDirect = await time(RUNS, () => cockpitData(payload, university))
  steps.clear()
  const uniHttp = await time(RUNS, () => http(''))
  const uniBytes = bytes
  // The same requests each just after a completion (what one sends, src/db/sql/cockpit_changes.sql and
  // cockpit_figures.sql): a notice naming the member, so every worker re-reads that member's row, and
  // the two rollups it moves (the month chart's; the items', naming the item), so the parts reading them are read
  // again (src/cockpit/cache.ts SECTIONS). Each notice is given 50 ms to arrive, outside the timing.
  const someMembers = (
    await db.query<{ id: number }>(`SELECT id FROM users WHERE organization_id = ANY($1::int[]) LIMIT $2`, [branches, RUNS])
  ).rows
  const uniCompletion: number[] = []
  // …just after a change of who counts (a person's stage here, as the admin's save writes it: the users row, which
  // names the person on cockpit_members, and the organisations' recount, a figures notice): that person's row is
  // read again, the branches part too; just after a rebuild (a notice naming no one): every worker reads every
  // member's row again; and just after a change to anything else it shows (here a figures notice naming no table,
  // which drops every part): the whole answer is computed again, the member rows kept. The four take turns, so that
  // whatever else the machine does falls on each alike (run one after another, the first took the background work
  // after the fill).
  const uniWho: number[] = []
  const uniFresh: number[] = []
  const uniOther: number[] = []
  const after = async (notify: () => Promise<unknown>, label: string, into: number[]) => {
    await notify()
    await new Promise((r) => setTimeout(r, 50))
    into.push(...(await time(1, () => http('', label))))
  }
  // The items whose per-scope sums a completion moves (the rollup's row trigger names the item).
  const someItems = (
    await db.query<{ item_collection: string; item_id: number }>(
      `SELECT DISTINCT item_collection::text AS item_collection, item_id FROM study_item_org_year ORDER BY 1, 2 LIMIT 20`,
    )
  ).rows
  for (let i = 0; i < RUNS; i++) {
    const member = someMembers[i % someMembers.length].id
    const item = someItems[i % someItems.length]
    await after(
      () =>
        db.query(
          `SELECT pg_notify('cockpit_members', 'member:' || $1::int), pg_notify('cockpit_figures', 'study_org_month'),
                  pg_notify('cockpit_figures', 'item:' || $2 || ':' || $3::int)`,
          [member, item.item_collection, item.item_id],
        ),
      'completion',
      uniCompletion,
    )
    // Probationary and full members both count: the person stays in scope and their row is read again.
    await after(
      () =>
        db.query(
          `WITH u AS (UPDATE users SET political_stage = CASE WHEN political_stage = 'full' THEN 'probationary'::enum_users_political_stage ELSE 'full' END
                       WHERE id = $1 RETURNING id)
           SELECT pg_notify('cockpit_figures', 'organizations') FROM u`,
          [member],
        ),
      'who',
      uniWho,
    )
    await after(() => db.query(`NOTIFY cockpit_members, 'bench'`), 'fresh', uniFresh)
    await after(() => db.query(`NOTIFY cockpit_figures, 'bench'`), 'other', uniOther)
  }
  const branchDirect = await time(RUNS, () => cockpitData(payload, branch))
  const branchHttp = await time(RUNS, () => http(`?org=${branch.root.id}`))
  const uniRaw = await time(Math.max(3, Math.floor(RUNS / 6)), () => raw(university.orgIds))
  const branchRaw = await time(Math.max(3, Math.floor(RUNS / 6)), () => raw(branch.orgIds))

  console.log('')
  console.log(`规模：党员 ${MEMBERS} 名，支部 ${branches.length} 个，学习心跳 ${counts.e} 条，学习进度 ${counts.p} 条，测验 ${counts.q} 次`)
  console.log(`全校驾驶舱数据  经应用服务器 /api/cockpit：${fmt(uniHttp)}；直接调用：${fmt(uniDirect)}`)
  console.log(
    `                紧接一次学习完成之后（重读该成员一行，其余重新计算）：${fmt(uniCompletion)}；服务器内：${[...(steps.get('completion') ?? [])].map(([k, xs]) => `${k} ${fmt2(xs)}`).join('，')}`,
  )
  console.log(
    `                紧接“谁计入”变化之后（重读该成员一行与支部部分）：${fmt(uniWho)}；服务器内：${[...(steps.get('who') ?? [])].map(([k, xs]) => `${k} ${fmt2(xs)}`).join('，')}`,
  )
  console.log(
    `                紧接汇总表重建之后（重新读取全部成员行）：${fmt(uniFresh)}；服务器内：${[...(steps.get('fresh') ?? [])].map(([k, xs]) => `${k} ${fmt2(xs)}`).join('，')}`,
  )
  console.log(
    `                紧接其他数据变化之后（成员行保留，其余重新计算）：${fmt(uniOther)}；服务器内：${[...(steps.get('other') ?? [])].map(([k, xs]) => `${k} ${fmt2(xs)}`).join('，')}`,
  )
  console.log(
    `                服务器内（Server-Timing p50 / p95）：${[...(steps.get('') ?? [])].map(([k, xs]) => `${k} ${fmt2(xs)}`).join('，')}；回复 ${(uniBytes / 1024).toFixed(0)} KB`,
  )
  console.log(`                原始表直接聚合：${fmt(uniRaw)}`)
  console.log(`                比值（服务器 p50 / 原始 p50）：${(percentile(uniHttp, 50) / percentile(uniRaw, 50)).toFixed(3)}`)
  console.log(`单个支部视图    经应用服务器：${fmt(branchHttp)}；直接调用：${fmt(branchDirect)}`)
  console.log(`                原始表直接聚合：${fmt(branchRaw)}`)
  console.log(`                比值（服务器 p50 / 原始 p50）：${(percentile(branchHttp, 50) / percentile(branchRaw, 50)).toFixed(3)}`)
  // The issue's targets (18 §5), each beside its floor: the whole university's p95 through the app
  // server within 100 ms at 20,000 members and 150 ms at a province's 100,000.
  const uniTarget = MEMBERS <= 20_000 ? 100 : 150
  const uniRatio = percentile(uniHttp, 50) / percentile(uniRaw, 50)
  const load = (await import('os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
  console.log('')
  console.log(`目标（负载 ${load}）：`)
  console.log(
    targetLine(
      `全校驾驶舱 p95（经应用服务器，两次变化之间；每次重新计算的直接调用 p95 ${percentile(uniDirect, 95).toFixed(1)} ms）`,
      percentile(uniHttp, 95),
      uniTarget,
      'ms',
    ),
  )
  console.log(targetLine('全校驾驶舱 p95，紧接一次学习完成之后', percentile(uniCompletion, 95), uniTarget, 'ms'))
  console.log(targetLine('全校驾驶舱 p95，紧接“谁计入”变化之后', percentile(uniWho, 95), uniTarget, 'ms'))
  console.log(targetLine('全校驾驶舱 p95，紧接汇总表重建之后', percentile(uniFresh, 95), uniTarget, 'ms'))
  console.log(targetLine('全校驾驶舱 p95，紧接其他数据变化之后', percentile(uniOther, 95), uniTarget, 'ms'))
  console.log(targetLine('全校驾驶舱 p50 ÷ 原始表聚合 p50', uniRatio, 0.05, ''))
  await db.end()
  await closePayload(payload)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit(process.exitCode ?? 0)
