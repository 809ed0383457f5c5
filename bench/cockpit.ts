/**
 * `npm run bench:cockpit`: with BENCH_MEMBERS members (20,000) in about 400 branches and at least
 * BENCH_EVENTS study events (5 million), the time to serve the cockpit's data — the Party
 * committee's (whole university) and one branch's — through the app server (production build) and
 * as a direct call, next to the same figures computed by a direct aggregate over the raw tables.
 *
 *   BENCH_MEMBERS=20000 BENCH_EVENTS=5000000 npm run bench:cockpit
 *
 * Throw-away services in a temporary folder (like `npm test`). Rows are bulk-inserted with SQL
 * into the raw tables; the rollups fill through their triggers, as they do for real study.
 */
import { randomBytes } from 'crypto'
import path from 'path'
import pg from 'pg'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const COLLEGES = 8
const PER_BRANCH = 45

const { dir, state, cleanup } = scratch('party-bench-')
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
const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms，p95 ${percentile(xs, 95).toFixed(1)} ms`

try {
  const services = (state.services = await startLocalServices({ dataRoot: dir, persistent: false, env: {} as NodeJS.ProcessEnv, database: 'bench', log: say }))
  const env = { ...services.env, PAYLOAD_SECRET: randomBytes(24).toString('hex'), MEDIA_DIR: path.join(dir, 'media'), MEILI_INDEX: 'content_bench' }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 })
  const t0 = Date.now()

  say(`生成 ${COLLEGES} 个学院党委、约 ${Math.ceil(MEMBERS / PER_BRANCH)} 个支部、${MEMBERS} 名党员……`)
  const uc = (await db.query(`SELECT id FROM organizations WHERE type = 'universityCommittee' LIMIT 1`)).rows[0].id as number
  const colleges = (
    await db.query(
      `INSERT INTO organizations (name, code, type, parent_id, updated_at, created_at)
       SELECT '压测学院党委' || g, 'BC-' || g, 'collegeCommittee', $1, now(), now() FROM generate_series(1, $2::int) g RETURNING id`,
      [uc, COLLEGES],
    )
  ).rows.map((r) => r.id as number)
  const branchCount = Math.ceil(MEMBERS / PER_BRANCH)
  const branches = (
    await db.query(
      `INSERT INTO organizations (name, code, type, parent_id, member_count, full_member_count, compliance_state, term_end, updated_at, created_at)
       SELECT '压测党支部' || g, 'BB-' || g, 'branch', ($1::int[])[1 + g % array_length($1::int[], 1)], $3, $3, 'ok', now() + (g % 900) * interval '1 day', now(), now()
         FROM generate_series(1, $2::int) g RETURNING id`,
      [colleges, branchCount, PER_BRANCH],
    )
  ).rows.map((r) => r.id as number)
  const members = (
    await db.query(
      `INSERT INTO users (name, email, political_stage, organization_id, active, updated_at, created_at)
       SELECT '党员' || g, 'b' || g || '@bench.edu.cn', CASE WHEN g % 6 = 0 THEN 'probationary' ELSE 'full' END::enum_users_political_stage,
              ($1::int[])[1 + (g - 1) / $3], true, now(), now() FROM generate_series(1, $2::int) g RETURNING id`,
      [branches, MEMBERS, PER_BRANCH],
    )
  ).rows.map((r) => r.id as number)
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [members])
  const first = Math.min(...members)
  const last = Math.max(...members)

  // A year of study: completions (hours) and the heartbeats behind them, seasonally uneven.
  say('生成学习记录（完成的条目）……')
  await db.query(
    `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
     SELECT u.id, u.organization_id, 'micro-lessons', i, 900, 1, 100, t, 0.5, t, t
       FROM users u, generate_series(1, 60) i,
            LATERAL (SELECT make_timestamptz(extract(year FROM now())::int, 1, 1, 8, 0, 0, 'Asia/Shanghai') + random() * (now() - date_trunc('year', now())) AS t) x
      WHERE u.id BETWEEN $1 AND $2 AND random() < (0.1 + (u.id % 10) * 0.1)`,
    [first, last],
  )
  say(`生成 ${EVENTS} 条学习心跳……`)
  const CHUNK = 500_000
  for (let done = 0; done < EVENTS; done += CHUNK) {
    await db.query(
      `INSERT INTO study_events (member_id, organization_id, item_collection, item_id, kind, client_position, credited_seconds, beat_id, created_at, updated_at)
       SELECT m, ($3::int[])[1 + (m - $1::int) / $5::int], 'micro-lessons', 1 + (g % 60), 'heartbeat', 0.5, 20, 'b' || g, t, t
         FROM generate_series($4::bigint + 1, $4::bigint + $6) g,
              LATERAL (SELECT $1::int + ((g * 7919) % ($2::int - $1::int + 1))::int AS m,
                              make_timestamptz(extract(year FROM now())::int, 1, 1, 8, 0, 0, 'Asia/Shanghai') + random() * (now() - date_trunc('year', now())) AS t) x`,
      [first, last, branches, done, PER_BRANCH, Math.min(CHUNK, EVENTS - done)],
    )
    say(`  ${Math.min(done + CHUNK, EVENTS)} / ${EVENTS}`)
  }
  say('生成测验记录……')
  const quiz = (await db.query(`SELECT id FROM quizzes ORDER BY id LIMIT 1`)).rows[0].id as number
  const questions = (await db.query(`SELECT id FROM questions ORDER BY id LIMIT 50`)).rows.map((r) => r.id as number)
  await db.query(
    `INSERT INTO quiz_attempts (member_id, organization_id, quiz_id, mode, day, status, started_at, submitted_at, score, correct_count, total, passed, paper, results, updated_at, created_at)
     SELECT u.id, u.organization_id, $3, 'daily', to_char(t, 'YYYY-MM-DD'), 'submitted', t, t, s, s / 20, 5, s >= 60, '[]'::jsonb,
            (SELECT jsonb_agg(jsonb_build_object('questionId', ($4::int[])[1 + (u.id * 7 + k * 13 + n) % array_length($4::int[], 1)], 'correct', random() < 0.75)) FROM generate_series(1, 5) k),
            t, t
       FROM users u, generate_series(1, 8) n,
            LATERAL (SELECT make_timestamptz(extract(year FROM now())::int, 1, 1, 8, 0, 0, 'Asia/Shanghai') + random() * (now() - date_trunc('year', now())) AS t, (floor(random() * 6) * 20)::int AS s) x
      WHERE u.id BETWEEN $1 AND $2 AND random() < 0.7`,
    [first, last, quiz, questions],
  )
  // What autovacuum does on a live database after bulk changes: the rollup rows were updated
  // millions of times by the triggers, and a never-vacuumed table is mostly dead rows.
  await db.query('VACUUM ANALYZE')
  const counts = (await db.query(`SELECT (SELECT count(*) FROM study_events)::int AS e, (SELECT count(*) FROM study_progress)::int AS p, (SELECT count(*) FROM quiz_attempts)::int AS q`)).rows[0]
  say(`数据：学习心跳 ${counts.e} 条，学习进度 ${counts.p} 条，测验 ${counts.q} 次（生成用时 ${((Date.now() - t0) / 1000).toFixed(0)} 秒）`)

  // The app: direct calls (this process) and HTTP through the production server.
  Object.assign(process.env, env)
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { cockpitData } = await import('../src/cockpit/data')
  const { scopeOf } = await import('../src/cockpit/scope')
  const payload = await getPayload({ config })
  const committee = (await payload.find({ collection: 'users', where: { email: { equals: 'committee@demo.edu.cn' } }, depth: 0 })).docs[0]
  const committeeReq = { user: { ...committee, collection: 'users' }, payload } as never
  const university = await scopeOf(committeeReq)
  const branch = await scopeOf(committeeReq, branches[Math.floor(branches.length / 2)])
  say(`驾驶舱范围：全校 ${university.orgIds.length} 个组织；支部 ${branch.root.name}`)

  if (process.env.BENCH_PROFILE) {
    // Where the committee view's time goes: each query under EXPLAIN ANALYZE, then the whole call.
    const { COCKPIT_QUERIES } = await import('../src/cockpit/data')
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
    await cleanup()
    process.exit(0)
  }

  await ensureBuild('.next-test', env)
  const url = await startAppServer(state, { ...env, JOBS_IN_APP: 'false' }, { quiet: true })
  const login = await fetch(`${url}/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'committee@demo.edu.cn', password: 'Dangjian@2026' }) })
  const token = ((await login.json()) as { token: string }).token
  const http = async (q: string) => {
    const res = await fetch(`${url}/api/cockpit${q}`, { headers: { Authorization: `JWT ${token}` } })
    if (res.status !== 200) throw new Error(`cockpit ${res.status}`)
    await res.arrayBuffer()
  }
  // Warm-up.
  for (let i = 0; i < 5; i++) {
    await cockpitData(payload, university)
    await http('')
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
  const uniHttp = await time(RUNS, () => http(''))
  const branchDirect = await time(RUNS, () => cockpitData(payload, branch))
  const branchHttp = await time(RUNS, () => http(`?org=${branch.root.id}`))
  const uniRaw = await time(Math.max(3, Math.floor(RUNS / 6)), () => raw(university.orgIds))
  const branchRaw = await time(Math.max(3, Math.floor(RUNS / 6)), () => raw(branch.orgIds))

  console.log('')
  console.log(`规模：党员 ${MEMBERS} 名，支部 ${branches.length} 个，学习心跳 ${counts.e} 条，学习进度 ${counts.p} 条，测验 ${counts.q} 次`)
  console.log(`全校驾驶舱数据  经应用服务器 /api/cockpit：${fmt(uniHttp)}；直接调用：${fmt(uniDirect)}`)
  console.log(`                原始表直接聚合：${fmt(uniRaw)}`)
  console.log(`                比值（服务器 p50 / 原始 p50）：${(percentile(uniHttp, 50) / percentile(uniRaw, 50)).toFixed(3)}（目标 ≤ 0.05，且 ≤ 100 ms）`)
  console.log(`单个支部视图    经应用服务器：${fmt(branchHttp)}；直接调用：${fmt(branchDirect)}`)
  console.log(`                原始表直接聚合：${fmt(branchRaw)}`)
  console.log(`                比值（服务器 p50 / 原始 p50）：${(percentile(branchHttp, 50) / percentile(branchRaw, 50)).toFixed(3)}`)
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
