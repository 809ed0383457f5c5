/**
 * `npm run bench:ingest`: heartbeats per second that a production build accepts and credits
 * correctly, with 200 simulated members sending concurrently, next to the ceiling: plain
 * single-row inserts into the same PostgreSQL from this process. Prints both and their ratio.
 *
 *   BENCH_SECONDS=20 BENCH_MEMBERS=200 npm run bench:ingest
 *
 * Everything runs on throw-away services in a temporary folder (like `npm test`).
 */
import { randomBytes, randomUUID } from 'crypto'
import path from 'path'
import pg from 'pg'
import { Agent } from 'undici'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { bin, childEnv, run, say } from '../scripts/lib'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 200)
const PASSWORD = 'Bench@2026x'

const { dir, state, cleanup } = scratch('party-bench-')

const agent = new Agent({ connections: MEMBERS, keepAliveTimeout: 30_000, pipelining: 1 })
const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body), dispatcher: agent } as RequestInit)
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null }
}

try {
  const services = (state.services = await startLocalServices({ dataRoot: dir, persistent: false, env: {} as NodeJS.ProcessEnv, database: 'bench', log: say }))
  const env = { DATABASE_URL: services.env.DATABASE_URL, MEILI_HOST: services.env.MEILI_HOST, MEILI_MASTER_KEY: services.env.MEILI_MASTER_KEY, PAYLOAD_SECRET: randomBytes(24).toString('hex'), MEDIA_DIR: path.join(dir, 'media') }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await run(bin('tsx'), ['seed/prepare.ts', '--seed'], { env: childEnv(env) })) !== 0) throw new Error('数据库准备失败')
  await ensureBuild('.next-test', env)
  const url = await startAppServer(state, { ...env, JOBS_IN_APP: 'false' }, { quiet: true })

  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 })
  // A published lesson long enough that no member reaches the 1.5× cap during the run.
  const lesson = (await db.query(`SELECT id FROM micro_lessons WHERE _status = 'published' AND kind = 'video' ORDER BY duration_minutes DESC LIMIT 1`)).rows[0].id as number
  await db.query(`UPDATE micro_lessons SET duration_minutes = 600 WHERE id = $1`, [lesson])

  say(`创建 ${MEMBERS} 名模拟学员并登录……`)
  const { getPayload } = await import('payload')
  process.env.DATABASE_URL = env.DATABASE_URL
  process.env.PAYLOAD_SECRET = env.PAYLOAD_SECRET
  const { default: config } = await import('../payload.config')
  const payload = await getPayload({ config })
  const tokens: string[] = []
  for (let i = 0; i < MEMBERS; i++) {
    const email = `bench${i}-${Date.now()}@bench.edu.cn`
    await payload.create({ collection: 'users', data: { email, password: PASSWORD, name: `压测${i}`, roles: ['member'], politicalStage: 'full' } as never, depth: 0 })
    const r = await post(`${url}/api/users/login`, { email, password: PASSWORD })
    tokens.push(String(r.json?.token))
  }
  await payload.destroy().catch(() => {})

  const beatUrl = `${url}/api/study/heartbeat`
  const member = async (token: string, until: number) => {
    const headers = { Authorization: `JWT ${token}` }
    await post(beatUrl, { collection: 'micro-lessons', id: lesson, event: 'start', position: 0, beatId: randomUUID() }, headers)
    let ok = 0
    let failed = 0
    let position = 0
    while (Date.now() < until) {
      const r = await post(beatUrl, { collection: 'micro-lessons', id: lesson, event: 'heartbeat', position: (position += 1), beatId: randomUUID() }, headers)
      if (r.status === 200) ok++
      else failed++
    }
    return { ok, failed }
  }

  // The route's own ceiling: the same URL answering 401 at once (no token), through Next.
  let refused = 0
  const r0 = Date.now()
  await Promise.all(
    Array.from({ length: MEMBERS }, async () => {
      while (Date.now() < r0 + 5000) {
        await post(beatUrl, {})
        refused++
      }
    }),
  )
  const routeCeiling = refused / ((Date.now() - r0) / 1000)

  say(`心跳压测：${MEMBERS} 名学员并发，${SECONDS} 秒……`)
  const t0 = Date.now()
  const outcomes = await Promise.all(tokens.map((t) => member(t, t0 + SECONDS * 1000)))
  const took = (Date.now() - t0) / 1000
  const accepted = outcomes.reduce((s, o) => s + o.ok, 0)
  const failed = outcomes.reduce((s, o) => s + o.failed, 0)

  // Correctly credited: each accepted beat logged once; per member, credited time equals the log and
  // never exceeds the wall-clock span of their beats.
  const check = await db.query<{ member_id: number; events: string; credited: string; span: string; progress: string }>(
    `SELECT e.member_id, count(*) FILTER (WHERE e.kind = 'heartbeat') AS events, sum(e.credited_seconds) AS credited,
            extract(epoch FROM max(e.created_at) - min(e.created_at)) AS span,
            (SELECT seconds_credited FROM study_progress p WHERE p.member_id = e.member_id AND p.item_id = $1) AS progress
       FROM study_events e WHERE e.item_id = $1 GROUP BY e.member_id`,
    [lesson],
  )
  const logged = check.rows.reduce((s, r) => s + Number(r.events), 0)
  const wrong = check.rows.filter((r) => Math.abs(Number(r.credited) - Number(r.progress)) > 0.01 || Number(r.credited) > Number(r.span) + 0.01)
  const correct = wrong.length === 0 && logged === accepted

  say('上限对照：同一进程向同一数据库逐行插入……')
  await db.query('CREATE TABLE IF NOT EXISTS bench_rows (id serial PRIMARY KEY, member_id int, beat_id varchar, created_at timestamptz DEFAULT now())')
  let inserted = 0
  const i0 = Date.now()
  const until = i0 + Math.min(SECONDS, 10) * 1000
  await Promise.all(
    Array.from({ length: MEMBERS }, async (_, m) => {
      while (Date.now() < until) {
        await db.query('INSERT INTO bench_rows (member_id, beat_id) VALUES ($1, $2)', [m, randomUUID()])
        inserted++
      }
    }),
  )
  const insertRate = inserted / ((Date.now() - i0) / 1000)
  await db.end()

  const beatRate = accepted / took
  console.log('')
  console.log(`心跳（生产构建，${MEMBERS} 名学员并发，${took.toFixed(1)} 秒）：已接受并正确计入 ${accepted} 次，失败 ${failed} 次 → ${beatRate.toFixed(0)} 次/秒`)
  console.log(`校验：日志 ${logged} 条 = 接受 ${accepted} 次：${logged === accepted ? '一致' : '不一致'}；计入时长与日志、与实际间隔相符的学员 ${check.rows.length - wrong.length}/${check.rows.length}`)
  console.log(`上限（同一进程逐行 INSERT，同一 PostgreSQL）：${insertRate.toFixed(0)} 行/秒`)
  console.log(`参考：同一地址立即拒绝（401，不查数据库）的速率：${routeCeiling.toFixed(0)} 次/秒（服务器处理请求本身的上限）`)
  console.log(`比值：心跳 / 插入上限 = ${((100 * beatRate) / insertRate).toFixed(1)}%`)
  console.log(`目标 ≥ 2000 次/秒：${beatRate >= 2000 ? '达到' : '未达到'}`)
  if (!correct) process.exitCode = 1
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await cleanup()
}
