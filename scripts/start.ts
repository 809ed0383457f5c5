/**
 * `npm start`: the whole platform on one machine. Starts the embedded PostgreSQL and Meilisearch
 * (unless DATABASE_URL / MEILI_HOST are set), applies migrations, seeds the demo data once, builds
 * if needed and serves the app. Ctrl-C stops everything cleanly.
 */
import exitHook from 'async-exit-hook'
import { spawn, type ChildProcess } from 'child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { mkdir } from 'fs/promises'
import net from 'net'
import path from 'path'

import { ROLE_LABELS } from '../src/access/roles'
import { PRODUCT_NAME } from '../src/brand'
import { CONSOLE_NOTICE, CONSOLE_NOTICE_SHOWN, smtpSettings } from '../src/mail/settings'
import { persistentSecret, ServiceStartError, startLocalServices, type LocalServices } from '../src/services'
import { commandLineOf, isAlive, stopPid } from '../src/services/processes'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/people'
import { ensureBuild } from './build'
import { bin, childEnv, DATA_ROOT, prepareDatabase, ROOT, say } from './lib'

const RUN_FILE = path.join(DATA_ROOT, 'run.json')
const PORT = Number(process.env.PORT || 3000)

type RunRecord = { pid: number; port: number; startedAt: string; postgres?: number; meilisearch?: number; app?: number }

const fail = (message: string): never => {
  console.error(`\n\x1b[31m✖ ${message}\x1b[0m\n`)
  process.exit(1)
}

/** One `npm start` per data folder; a record left by a crashed run is cleaned up, its data kept. */
const claimDataFolder = async () => {
  if (!existsSync(RUN_FILE)) return
  let record: RunRecord | undefined
  try {
    record = JSON.parse(readFileSync(RUN_FILE, 'utf8')) as RunRecord
  } catch {
    /* unreadable: treat as stale */
  }
  if (record && isAlive(record.pid) && /node|tsx/.test(commandLineOf(record.pid))) {
    fail(
      `平台已经在运行（进程 ${record.pid}，http://localhost:${record.port}，启动于 ${new Date(record.startedAt).toLocaleString('zh-CN')}）。\n` +
        `  同一数据目录只能运行一个 npm start：请先在那个终端按 Ctrl-C 停止它。`,
    )
  }
  say('上次运行没有正常退出：正在清理遗留进程，数据保留并自动恢复……')
  const leftovers: Array<[number | undefined, string, NodeJS.Signals]> = [
    [record?.app, 'scripts/server.ts', 'SIGTERM'],
    [record?.meilisearch, 'meilisearch', 'SIGTERM'],
    // SIGINT is PostgreSQL's fast shutdown: it checkpoints, so nothing committed is lost.
    [record?.postgres, 'postgres', 'SIGINT'],
  ]
  for (const [pid, name, signal] of leftovers) {
    if (pid && isAlive(pid) && commandLineOf(pid).includes(name)) await stopPid(pid, signal)
  }
  rmSync(RUN_FILE, { force: true })
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen({ port }, () => server.close(() => resolve(true)))
  })

const waitForHttp = async (url: string, child: ChildProcess, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false
    try {
      const res = await fetch(url, { redirect: 'manual' })
      if (res.status < 500) return true
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  return false
}

const main = async () => {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < 20 || (major === 20 && minor < 19)) fail(`需要 Node.js 20.19 或更高版本，当前是 ${process.versions.node}。`)
  if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535) fail(`PORT=${process.env.PORT} 不是有效端口号。`)

  await mkdir(DATA_ROOT, { recursive: true })
  await claimDataFolder()
  if (!(await portIsFree(PORT))) {
    fail(`端口 ${PORT} 已被其他程序占用。请关闭占用它的程序，或换一个端口：PORT=3001 npm start`)
  }
  const record: RunRecord = { pid: process.pid, port: PORT, startedAt: new Date().toISOString() }
  writeFileSync(RUN_FILE, JSON.stringify(record, null, 2))

  let services: LocalServices | undefined
  let app: ChildProcess | undefined
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    say('正在停止……')
    if (app && app.exitCode === null) {
      const exited = new Promise((r) => app!.once('exit', r))
      app.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    }
    await services?.stop()
    rmSync(RUN_FILE, { force: true })
    say('已停止。数据保存在 .data/，下次 npm start 会继续使用。')
  }
  exitHook.forceExitTimeout(30_000)
  exitHook((done: () => void) => {
    shutdown().finally(done)
  })

  try {
    services = await startLocalServices({ dataRoot: DATA_ROOT, persistent: true, log: say })
  } catch (error) {
    rmSync(RUN_FILE, { force: true })
    fail(error instanceof ServiceStartError ? error.message : String((error as Error)?.stack ?? error))
  }
  Object.assign(record, services!.pids)
  writeFileSync(RUN_FILE, JSON.stringify(record, null, 2))

  const env = {
    ...services!.env,
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || persistentSecret(path.join(DATA_ROOT, 'payload-secret')),
  }
  // Mail: SMTP from the environment, else the console, said here once for every process that follows
  // (migrations, seed, build, each app worker: src/mail/adapter.ts stays quiet when told).
  let smtp: ReturnType<typeof smtpSettings> = null
  try {
    smtp = smtpSettings(process.env)
  } catch (error) {
    await shutdown()
    fail((error as Error).message)
  }
  if (smtp) say(`邮件经 SMTP 发送：${smtp.host}:${smtp.port}，发件人 ${smtp.from.address}`)
  else {
    say(CONSOLE_NOTICE)
    Object.assign(env, { [CONSOLE_NOTICE_SHOWN]: '1' })
  }

  // No default passwords in production: the demo accounts (one published password) are seeded only
  // in the default demo mode, or in production when explicitly asked for with SEED_DEMO=1.
  const production = process.env.NODE_ENV === 'production'
  const seedDemo = !production || ['1', 'true', 'yes'].includes(String(process.env.SEED_DEMO).toLowerCase())
  if (!seedDemo) say('生产模式：不导入演示账号和演示数据（确需演示数据请设置 SEED_DEMO=1）。首个管理员用 npm run create-admin 创建。')
  say('应用数据库迁移……')
  if ((await prepareDatabase(env, seedDemo)) !== 0) {
    await shutdown()
    fail('数据库迁移或演示数据导入失败，详见上方输出。')
  }

  try {
    await ensureBuild('.next', env)
  } catch (error) {
    await shutdown()
    fail((error as Error).message)
  }

  say(`启动应用（端口 ${PORT}）……`)
  // Next behind a small Node server that answers heartbeats itself (scripts/server.ts).
  app = spawn(bin('tsx'), ['scripts/server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: childEnv({ ...env, PORT: String(PORT), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }),
  })
  record.app = app.pid
  writeFileSync(RUN_FILE, JSON.stringify(record, null, 2))
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`应用进程意外退出（退出码 ${code}）。`)
      void shutdown().then(() => process.exit(1))
    }
  })

  if (!(await waitForHttp(`http://127.0.0.1:${PORT}/`, app))) {
    await shutdown()
    fail('应用没有在规定时间内启动，详见上方输出。')
  }

  const levels = { '1': '初审', '2': '复审', '3': '终审' }
  const accounts = DEMO_ACCOUNTS.map(
    (a) =>
      `    ${a.email.padEnd(26)} ${a.name}（${a.roles.map((r) => ROLE_LABELS[r].zh).join('、')}${a.reviewLevel ? `·${levels[a.reviewLevel]}` : ''}）`,
  )
  console.log(`
\x1b[1m${PRODUCT_NAME} 已启动\x1b[0m
  学员首页   http://localhost:${PORT}/
  管理后台   http://localhost:${PORT}/admin
  接口       http://localhost:${PORT}/api

${seedDemo ? `  演示账号（密码均为 ${DEMO_PASSWORD}）：\n${accounts.join('\n')}\n` : '  生产模式：没有演示账号。'}
  按 Ctrl-C 停止。数据保存在 .data/。
`)
}

await main()
