/**
 * `npm run bench:search`: latency of a search request and of a recommendation request through the
 * app's own server (production build, `scripts/server.ts`, as `npm start` runs it), next to the
 * same raw Meilisearch query sent directly from this process (the floor). Sequential requests, one
 * at a time, so that each figure is a latency rather than a queueing time.
 *
 *   BENCH_ITEMS=50000 BENCH_MEMBERS=20000 BENCH_REQUESTS=2000 npm run bench:search
 *
 * The index holds the demo content plus BENCH_ITEMS synthetic items (bench/synthetic.ts) written
 * straight into it; the database holds BENCH_MEMBERS members with study histories. Everything runs
 * on throw-away services in a temporary folder (like `npm test`).
 */
import { randomBytes } from 'crypto'
import path from 'path'
import pg from 'pg'
import { Agent } from 'undici'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'
import { signInDirectly } from './sessions'
import { seeded, syntheticDocuments } from './synthetic'

const ITEMS = Number(process.env.BENCH_ITEMS ?? 50_000)
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000)
const SAMPLED = 200 // members who sign in and send the requests
const PASSWORD = 'Bench@2026x' // the template member's; the others share its hash
const TERMS = [
  '党史',
  '初心使命',
  '延安',
  '红色基因',
  '党章',
  '廉政',
  '改革开放',
  '新中国史',
  '三会一课',
  '两学一做',
  '四史',
  '井冈山',
  '自我革命',
  '师德',
  '红色文化',
  '遵义会议',
]

const { dir, state, cleanup } = scratch('party-bench-')

const agent = new Agent({ connections: 8, keepAliveTimeout: 30_000 })
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const timed = async (f: () => Promise<void>) => {
  const t = performance.now()
  await f()
  return performance.now() - t
}

try {
  const services = (state.services = await startLocalServices({
    dataRoot: dir,
    persistent: false,
    env: {} as NodeJS.ProcessEnv,
    database: 'bench',
    log: say,
  }))
  const env = {
    ...services.env,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    MEDIA_DIR: path.join(dir, 'media'),
    MEILI_INDEX: 'content_bench',
  }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  await ensureBuild('.next-test', env)
  Object.assign(process.env, env)

  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { reindexAll } = await import('../src/search/reindex')
  const { INDEX_UID, searchClient } = await import('../src/search/client')
  const { searchQueryFor } = await import('../src/search/query')
  const { readerOf } = await import('../src/search/http')
  const payload = await getPayload({ config })
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 })
  const random = seeded(2026)

  // The index: the demo content (through the real sync path) plus the synthetic catalogue.
  await reindexAll(payload)
  const themes = (await payload.find({ collection: 'themes', depth: 0, limit: 0, pagination: false })).docs.map((t) => ({
    id: t.id,
    name: t.name,
  }))
  const branches = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE type = 'branch' ORDER BY id`)).rows.map((r) => r.id)
  const stages = ['applicant', 'activist', 'developmentTarget', 'probationary', 'full']
  const docs = syntheticDocuments({ count: ITEMS, themes, stages, organizations: branches, random })
  const index = searchClient().index(INDEX_UID())
  say(`写入 ${ITEMS} 条模拟内容到索引……`)
  const i0 = Date.now()
  for (let i = 0; i < docs.length; i += 5000) {
    const task = await index.addDocuments(docs.slice(i, i + 5000)).waitTask({ timeout: 600_000, interval: 200 })
    if (task.status !== 'succeeded') throw new Error(`写入索引失败：${task.error?.message ?? task.status}`)
  }
  const stats = await index.getStats()
  say(`索引共 ${stats.numberOfDocuments} 条（写入用时 ${((Date.now() - i0) / 1000).toFixed(0)} 秒）`)

  // Members: one created through Payload (for a valid password hash), the rest copied in bulk.
  say(`创建 ${MEMBERS} 名学员及其学习记录……`)
  const template = await payload.create({
    collection: 'users',
    depth: 0,
    data: {
      email: `template@bench.edu.cn`,
      password: PASSWORD,
      name: '模板',
      roles: ['member'],
      politicalStage: 'full',
      organization: branches[0],
    },
  })
  await db.query(
    `INSERT INTO users (name, email, political_stage, organization_id, active, salt, hash, login_attempts, updated_at, created_at)
     SELECT '学员' || g, 'm' || g || '@bench.edu.cn', ($2::text[])[1 + g % array_length($2::text[], 1)]::enum_users_political_stage,
            ($3::int[])[1 + g % array_length($3::int[], 1)], true, t.salt, t.hash, 0, now(), now()
       FROM generate_series(1, $1::int) g, (SELECT salt, hash FROM users WHERE id = $4) t`,
    [MEMBERS - 1, stages, branches, template.id],
  )
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM users WHERE email LIKE 'm%@bench.edu.cn'`)
  // Study histories: 8 items each among the synthetic studyable items (courses, lessons, resources
  // sit at positions ≡ 0, 1, 2 mod 5 of the synthetic catalogue), half of them completed.
  const studyable = Math.floor(ITEMS / 5)
  await db.query(
    `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
     SELECT u.id, u.organization_id, (ARRAY['courses', 'micro-lessons', 'red-resources'])[1 + c]::enum_study_progress_item_collection,
            1000000 + 5 * floor(random() * $1)::int + c, 600, 1, 100, CASE WHEN random() < 0.5 THEN now() END, 0,
            now() - random() * interval '60 days', now() - random() * interval '60 days'
       FROM users u, generate_series(1, 8) n, LATERAL (SELECT floor(random() * 3)::int + 0 * n AS c) x
      WHERE u.email LIKE '%@bench.edu.cn'
     ON CONFLICT DO NOTHING`,
    [studyable],
  )
  const counts = (
    await db.query<{ m: number; p: number }>(
      `SELECT (SELECT count(*)::int FROM users) AS m, (SELECT count(*)::int FROM study_progress) AS p`,
    )
  ).rows[0]
  say(`数据库：${counts.m} 名用户，${counts.p} 条学习进度`)

  // No queue in the app server: its start-up reconciliation would (rightly) remove the synthetic
  // items the database does not hold.
  const url = await startAppServer(state, { ...env, JOBS_IN_APP: 'false' }, { quiet: true })

  say(`${SAMPLED} 名学员登录……`)
  const sample = (
    await db.query<{ id: number; email: string }>(
      `SELECT id, email FROM users WHERE email LIKE 'm%@bench.edu.cn' ORDER BY random() LIMIT $1`,
      [SAMPLED],
    )
  ).rows
  // Signed in directly (bench/sessions.ts): 200 logins from one address meet the login rate limit.
  const tokens = await signInDirectly(db, env.PAYLOAD_SECRET, sample)
  const readers: Array<{ headers: Record<string, string>; reader: Awaited<ReturnType<typeof readerOf>> }> = []
  for (const token of tokens) {
    const headers = { Authorization: `JWT ${token}` }
    const reader = await readerOf(payload, new Headers(headers))
    if (!reader.user) throw new Error('直接登录的会话未被识别')
    readers.push({ headers, reader })
  }

  // Where the server's time goes (its Server-Timing header: viewer read, member signals, Meilisearch
  // queries, impressions), summed per step over the measured requests.
  const steps = { search: new Map<string, number[]>(), recommendations: new Map<string, number[]>() }
  let measuring = false
  const get = async (u: string, headers: Record<string, string>) => {
    const res = await fetch(u, { headers, dispatcher: agent } as RequestInit)
    if (res.status !== 200) throw new Error(`${u} → ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
    if (!measuring) return
    const into = steps[u.includes('/api/search') ? 'search' : 'recommendations']
    for (const m of (res.headers.get('server-timing') ?? '').matchAll(/([\w-]+);dur=([\d.]+)/g))
      into.set(m[1], [...(into.get(m[1]) ?? []), Number(m[2])])
  }
  const raw = searchClient()
  const app: number[] = []
  const direct: number[] = []
  const recs: number[] = []
  let hits = 0
  say(`测量：搜索与原始查询各 ${REQUESTS} 次，推荐 ${REQUESTS} 次（逐个请求）……`)
  // Warm-up: first requests load code paths and caches on both sides.
  for (let i = 0; i < 50; i++) {
    const { headers } = readers[i % readers.length]
    await get(`${url}/api/search?q=${encodeURIComponent(TERMS[i % TERMS.length])}`, headers)
    await get(`${url}/api/recommendations`, headers)
  }
  measuring = true
  for (let i = 0; i < REQUESTS; i++) {
    const { headers, reader } = readers[Math.floor(random() * readers.length)]
    const term = TERMS[Math.floor(random() * TERMS.length)]
    // Alternate which goes first so that neither side always meets a warm cache.
    const viaApp = () => get(`${url}/api/search?q=${encodeURIComponent(term)}`, headers)
    const viaRaw = async () => {
      const { page: _page, hitsPerPage: _perPage, ...body } = await searchQueryFor(reader, { q: term })
      const r = await raw.multiSearch(body)
      hits += r.estimatedTotalHits ?? 0
    }
    if (i % 2) {
      app.push(await timed(viaApp))
      direct.push(await timed(viaRaw))
    } else {
      direct.push(await timed(viaRaw))
      app.push(await timed(viaApp))
    }
    recs.push(await timed(() => get(`${url}/api/recommendations`, headers)))
  }

  const line = (label: string, xs: number[]) => `${label}：p50 ${percentile(xs, 50).toFixed(1)} ms，p95 ${percentile(xs, 95).toFixed(1)} ms`
  const rawP95 = percentile(direct, 95)
  console.log('')
  console.log(
    `规模：索引 ${stats.numberOfDocuments} 条，用户 ${counts.m} 名，学习进度 ${counts.p} 条；每项 ${REQUESTS} 次请求，平均每次搜索命中 ${(hits / REQUESTS).toFixed(0)} 条`,
  )
  console.log(line('原始 Meilisearch 查询（下限）', direct))
  console.log(line('搜索（经应用服务器 /api/search）', app))
  console.log(line('推荐（经应用服务器 /api/recommendations）', recs))
  for (const [name, m] of Object.entries(steps)) {
    console.log(
      `服务器内（${name}，Server-Timing p50 / p95）：${[...m].map(([step, xs]) => `${step} ${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} ms`).join('，')}`,
    )
  }
  // The issue's targets (18 §5), each beside its floor (the raw query's p95), with the load average.
  const load = (await import('os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
  console.log('')
  console.log(`目标（负载 ${load}；下限：原始查询 p95 ${rawP95.toFixed(1)} ms）：`)
  for (const [label, xs] of [
    ['搜索 p95 ÷ 原始 p95', app],
    ['推荐 p95 ÷ 原始 p95', recs],
  ] as const) {
    const ratio = percentile(xs, 95) / rawP95
    console.log(`  ${label}：${ratio.toFixed(2)}（${percentile(xs, 95).toFixed(1)} ms），目标 ≤ 2  ${ratio <= 2 ? 'PASS' : 'MISS'}`)
  }
  await db.end()
  const { closePayload } = await import('../src/db/migrate')
  await closePayload(payload)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit(process.exitCode ?? 0)
