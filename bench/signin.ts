/**
 * `npm run bench:signin`: a lecture-hall 党课 — MEMBERS members of one branch sign in to one meeting
 * through the production app server (`scripts/server.ts`, production build) within WINDOW seconds,
 * each arriving at a random moment and scanning the code the screen shows (the secretary's screen
 * asks GET /api/meetings/:id/sign-in-code every 30 s, as /meetings/:id/code does). Prints the
 * latency of each POST /api/meetings/sign-in (p50 / p95 / max), the errors, and whether every
 * acknowledged sign-in is in the database exactly once; then everyone scans again and must be
 * refused (409) without a second row.
 *
 *   npm run bench:signin                             300 members within 60 s
 *   npm run bench:signin -- --members 1000 --window 60
 *   npm run bench:signin -- --burst                  everyone at the same instant
 *
 * Throw-away services in a temporary folder, loopback only. Sessions are minted as Payload's login
 * writes them (bench/sessions.ts), so the run measures sign-in, not 300 password checks.
 */
import { randomBytes } from 'crypto'
import path from 'path'
import pg from 'pg'
import { parseArgs } from 'util'

import { startLocalServices } from '../src/services'
import { ensureBuild } from '../scripts/build'
import { scratch, startAppServer } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'
import { signInDirectly } from './sessions'

const { values: opts } = parseArgs({
  options: {
    members: { type: 'string', default: '300' },
    window: { type: 'string', default: '60' },
    burst: { type: 'boolean', default: false },
  },
})
const MEMBERS = Number(opts.members)
const WINDOW = Number(opts.window)

const { dir, state, cleanup } = scratch('party-signin-')
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

try {
  const services = (state.services = await startLocalServices({
    dataRoot: dir,
    persistent: false,
    env: {} as NodeJS.ProcessEnv,
    database: 'signin',
    log: say,
  }))
  const env = {
    ...services.env,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    MEDIA_DIR: path.join(dir, 'media'),
    MEILI_INDEX: 'content_signin',
  }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 })

  say(`创建一个支部、${MEMBERS} 名党员和一次已批准、正在进行的党课……`)
  const template = (await db.query<{ salt: string; hash: string }>(`SELECT salt, hash FROM users WHERE email = 'member@demo.edu.cn'`))
    .rows[0]
  const college = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE code = 'C-INFO'`)).rows[0].id
  const branch = (
    await db.query<{ id: number }>(
      `INSERT INTO organizations (name, code, type, parent_id, updated_at, created_at) VALUES ('签到压测支部', 'B-SIGNIN', 'branch', $1, now(), now()) RETURNING id`,
      [college],
    )
  ).rows[0].id
  const people = (
    await db.query<{ id: number; email: string }>(
      `INSERT INTO users (name, email, political_stage, organization_id, active, salt, hash, login_attempts, updated_at, created_at)
       SELECT '签到学员' || g, 'signin' || g || '@load.edu.cn', 'full', $2, true, $3, $4, 0, now(), now() FROM generate_series(0, $1::int) g ORDER BY g RETURNING id, email`,
      [MEMBERS, branch, template.salt, template.hash],
    )
  ).rows
  // The first is the branch's secretary, who shows the code; the rest sign in.
  const [secretary, ...members] = people
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [
    people.map((p) => p.id),
  ])
  await db.query(`INSERT INTO users_roles ("order", parent_id, value) VALUES (2, $1, 'branchSecretary')`, [secretary.id])
  const meeting = (
    await db.query<{ id: number }>(
      `INSERT INTO meetings (topic, organization_id, year, starts_at, ends_at, place, recorder_id, speaker_id, status, updated_at, created_at)
       VALUES ('专题党课（签到压测）', $1, extract(year FROM now() AT TIME ZONE 'Asia/Shanghai'), now() - interval '5 minutes', now() + interval '2 hours', '大礼堂', $2, $2, 'approved', now(), now()) RETURNING id`,
      [branch, secretary.id],
    )
  ).rows[0].id
  await db.query(`INSERT INTO meetings_types ("order", parent_id, value) VALUES (1, $1, 'partyLecture')`, [meeting])
  const tokens = await signInDirectly(db, env.PAYLOAD_SECRET, people)

  await ensureBuild('.next-test', env)
  const url = await startAppServer(state, { ...env, JOBS_IN_APP: 'false' }, { quiet: true })
  const secretaryAuth = { Authorization: `JWT ${tokens[0]}` }
  let code = ''
  const refresh = async () => {
    const res = await fetch(`${url}/api/meetings/${meeting}/sign-in-code`, { headers: secretaryAuth })
    if (!res.ok) throw new Error(`签到码 ${res.status}: ${await res.text()}`)
    code = ((await res.json()) as { code: string }).code
  }
  await refresh()
  // Warm-up: the first requests compile routes and fill caches.
  for (let i = 0; i < 3; i++)
    await fetch(`${url}/api/meetings/sign-in`, {
      method: 'POST',
      headers: { ...secretaryAuth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'x' }),
    })

  const scan = async (token: string) => {
    const t = performance.now()
    const res = await fetch(`${url}/api/meetings/sign-in`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    })
    await res.arrayBuffer()
    return { status: res.status, ms: performance.now() - t }
  }
  say(opts.burst ? `${members.length} 人同时扫码……` : `${members.length} 人在 ${WINDOW} 秒内陆续扫码……`)
  const screen = setInterval(() => void refresh().catch((e) => say(String(e))), 30_000)
  const started = performance.now()
  const results = await Promise.all(
    members.map(async (_, i) => {
      if (!opts.burst) await sleep(Math.random() * WINDOW * 1000)
      return scan(tokens[i + 1])
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  clearInterval(screen)
  const ok = results.filter((r) => r.status === 200)
  const ms = results.map((r) => r.ms)
  const rows = (
    await db.query<{ n: number; members: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM meeting_attendance WHERE meeting_id = $1 AND status = 'present'`,
      [meeting],
    )
  ).rows[0]
  say(
    `签到 ${ok.length}/${members.length} 成功，用时 ${elapsed.toFixed(1)} 秒；每次签到 p50 ${percentile(ms, 50).toFixed(1)} ms，p95 ${percentile(ms, 95).toFixed(1)} ms，最长 ${Math.max(...ms).toFixed(1)} ms`,
  )
  const errors = results.filter((r) => r.status !== 200).map((r) => r.status)
  if (errors.length) say(`错误：${errors.join(', ')}`)
  say(`数据库：出席 ${rows.n} 条，${rows.members} 人（应为 ${ok.length}）`)

  await refresh()
  const again = await Promise.all(members.map((_, i) => scan(tokens[i + 1])))
  const refused = again.filter((r) => r.status === 409).length
  const after = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM meeting_attendance WHERE meeting_id = $1`, [meeting]))
    .rows[0].n
  say(
    `重复扫码：${refused}/${members.length} 被拒绝（409），记录仍为 ${after} 条；重复扫码 p95 ${percentile(
      again.map((r) => r.ms),
      95,
    ).toFixed(1)} ms`,
  )
  const lost =
    ok.length !== members.length || rows.n !== ok.length || rows.members !== ok.length || after !== rows.n || refused !== members.length
  await db.end()
  await cleanup()
  if (lost) {
    say('有签到丢失或重复')
    process.exit(1)
  }
  process.exit(0)
} catch (error) {
  console.error(error)
  await cleanup()
  process.exit(1)
}
