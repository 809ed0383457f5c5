/**
 * `npm run bench:cockpit`: with BENCH_MEMBERS members (20,000; a province: 100,000) in branches of
 * 45 and BENCH_EVENTS study events, the time to serve the cockpit's data — the Party committee's
 * (whole university) and one branch's — through the app server (production build) and as a direct
 * call, next to the same figures computed by a direct aggregate over the raw tables; then one line
 * per target of issue 18 §5 (figure, target, PASS/MISS) with the load average.
 *
 *   BENCH_MEMBERS=100000 npm run bench:cockpit
 *
 * Throw-away services in a temporary folder (like `npm test`). Rows are bulk-inserted with SQL
 * into the raw tables; the rollups fill through their triggers, as they do for real study, or
 * (BENCH_FILL=rebuild, the default above 20,000 members) through the nightly rebuild.
 * BENCH_PROFILE=1 prints each query's plan instead (BENCH_HOLD=1 then keeps the database).
 */
import { randomBytes } from 'crypto'
import path from 'path'
import pg from 'pg'

import { startLocalServices } from '../src/services'
import { scratch } from '../scripts/harness'
import { APP_READY, prepareDatabase, runWatched, say } from '../scripts/lib'
import { rebuildRollupsSql } from '../src/cockpit/queries'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
// 250 heartbeats a member (5 million at 20,000), at most 5 million by default: of the beats the
// cockpit reads only study_org_month, whose rows are organisations × months whatever the number of
// beats once every branch studies each month; more beats only slow the raw aggregate it is compared
// with. 25 million at 100,000 members would take over half an hour to insert here (500,000 in 45–100 s).
const EVENTS = Number(process.env.BENCH_EVENTS ?? Math.min(250 * MEMBERS, 5_000_000))
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
/**
 * How the rollups fill. `triggers`: the history goes in with every trigger on, row by row as study
 * does (20,000 members: about 4 minutes). `rebuild`: the raw rows go in with triggers off, the
 * ledger rows the progress trigger would write are written by one statement, then the nightly
 * repair (src/cockpit/rollups.ts, which tests/int/cockpit/cockpit.test.ts shows changes nothing after the
 * triggers) computes the rollups; at 100,000 members the triggers' 3.3 million progress rows
 * (about 8 statements each) took over 10 minutes on this machine under load.
 */
const FILL = process.env.BENCH_FILL ?? (MEMBERS > 20_000 ? 'rebuild' : 'triggers')
const COLLEGES = 8
const PER_BRANCH = 45

const { dir, state, cleanup } = scratch('party-bench-')
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
  const fill = await db.connect()
  if (FILL === 'rebuild') await fill.query(`SET session_replication_role = replica`)
  say(`生成学习记录（完成的条目；汇总：${FILL === 'rebuild' ? '批量重算' : '触发器'}）……`)
  await fill.query(
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
    await fill.query(
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
  await fill.query(
    `INSERT INTO quiz_attempts (member_id, organization_id, quiz_id, mode, day, status, started_at, submitted_at, score, correct_count, total, passed, paper, results, updated_at, created_at)
     SELECT u.id, u.organization_id, $3, 'daily', to_char(t, 'YYYY-MM-DD'), 'submitted', t, t, s, s / 20, 5, s >= 60, '[]'::jsonb,
            (SELECT jsonb_agg(jsonb_build_object('questionId', ($4::int[])[1 + (u.id * 7 + k * 13 + n) % array_length($4::int[], 1)], 'correct', random() < 0.75)) FROM generate_series(1, 5) k),
            t, t
       FROM users u, generate_series(1, 8) n,
            LATERAL (SELECT make_timestamptz(extract(year FROM now())::int, 1, 1, 8, 0, 0, 'Asia/Shanghai') + random() * (now() - date_trunc('year', now())) AS t, (floor(random() * 6) * 20)::int AS s) x
      WHERE u.id BETWEEN $1 AND $2 AND random() < 0.7`,
    [first, last, quiz, questions],
  )
  if (FILL === 'rebuild') {
    say('写入学时台账并重算汇总表……')
    // The ledger entries study_hours_from_progress (src/db/sql/study_hours.sql) writes for these rows.
    await fill.query(
      `INSERT INTO study_hours (member_id, source, organization_id, counts_on, year, hours, held, evidence_collection, evidence_id, created_at, updated_at)
       SELECT member_id, 'online', organization_id, completed_at, extract(year FROM completed_at AT TIME ZONE 'Asia/Shanghai')::int, hours_credited, held,
              'study-progress', id, now(), now()
         FROM study_progress WHERE member_id BETWEEN $1 AND $2 AND completed_at IS NOT NULL AND item_collection <> 'courses' AND hours_credited > 0`,
      [first, last],
    )
    await fill.query(`SET session_replication_role = DEFAULT`)
    await fill.query(`BEGIN; ${rebuildRollupsSql} COMMIT;`)
  }
  fill.release()
  // What autovacuum does on a live database after bulk changes: the rollup rows were updated
  // millions of times by the triggers, and a never-vacuumed table is mostly dead rows.
  await db.query('VACUUM ANALYZE')
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM study_events)::int AS e, (SELECT count(*) FROM study_progress)::int AS p, (SELECT count(*) FROM quiz_attempts)::int AS q`,
    )
  ).rows[0]
  // What grows with what (README: where one PostgreSQL stops being enough): rows and size on disk with indexes.
  const sizes = await db.query<{ t: string; rows: string; mb: string }>(
    `SELECT c.relname AS t, c.reltuples::bigint AS rows, round(pg_total_relation_size(c.oid) / 1048576.0)::int AS mb FROM pg_class c
      WHERE c.relname = ANY($1::text[]) ORDER BY pg_total_relation_size(c.oid) DESC`,
    [
      [
        'study_events',
        'study_progress',
        'study_hours',
        'quiz_attempts',
        'users',
        'study_member_year',
        'quiz_member_year',
        'study_org_day',
        'study_org_month',
        'quiz_org_month',
        'study_item_org_year',
        'quiz_question_org_year',
      ],
    ],
  )
  say(
    `表（行数，含索引的大小）：${sizes.rows.map((r) => `${r.t} ${Number(r.rows).toLocaleString('en')} 行 ${r.mb} MB`).join('；')}；整个数据库 ${(await db.query(`SELECT round(pg_database_size(current_database()) / 1048576.0)::int AS mb`)).rows[0].mb} MB`,
  )
  say(
    `数据：学习心跳 ${counts.e} 条，学习进度 ${counts.p} 条，测验 ${counts.q} 次（汇总：${FILL}；生成用时 ${((Date.now() - t0) / 1000).toFixed(0)} 秒）`,
  )

  await db.end()
  // The app, in a child process restarted if Payload's start stalls (bench/cockpit-measure.ts).
  const context = JSON.stringify({ members: MEMBERS, runs: RUNS, branches, counts })
  const code = await runWatched('bench/cockpit-measure.ts', { ...env, BENCH_CONTEXT: context }, APP_READY)
  if (code !== 0) throw new Error(`测量进程退出码 ${code}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit(process.exitCode ?? 0)
