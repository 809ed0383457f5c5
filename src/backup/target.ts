import { existsSync, mkdirSync, readFileSync } from 'fs'
import getPort from 'get-port'
import path from 'path'

import { persistentSecret } from '../services'
import { startEmbeddedPostgres } from '../services/embeddedPostgres'
import { commandLineOf, isAlive } from '../services/processes'
import { BackupError } from './errors'

export type ResolvedDatabase = {
  url: string
  /** How the database was found, for the log. */
  label: string
  /** Stops the embedded server if this command started it. */
  stop: () => Promise<void>
}

const EMBEDDED_DATABASE = 'party'

/** The embedded PostgreSQL already serving dataRoot (npm start, npm run dev), from its postmaster.pid. */
export const runningEmbeddedPostgres = (dataRoot: string): { pid: number; port: number } | undefined => {
  const pidFile = path.join(dataRoot, 'postgres', 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  let lines: string[]
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n')
  } catch {
    return undefined // readable only by the server's user, or gone meanwhile
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!isAlive(pid) || !commandLineOf(pid).includes('postgres') || !Number.isInteger(port) || port <= 0) return undefined
  return { pid, port }
}

/** The `npm start` running on dataRoot, from the record it keeps (scripts/start.ts). */
export const runningApp = (dataRoot: string): { pid: number; port: number } | undefined => {
  try {
    const record = JSON.parse(readFileSync(path.join(dataRoot, 'run.json'), 'utf8')) as { pid: number; port: number }
    if (isAlive(record.pid) && /node|tsx/.test(commandLineOf(record.pid))) return { pid: record.pid, port: record.port }
  } catch {
    /* no record, or unreadable: nothing running */
  }
  return undefined
}

/**
 * The database `npm run backup` / `npm run restore` work on: DATABASE_URL if set; otherwise the
 * embedded one of dataRoot — the running instance when `npm start` (or `npm run dev`) has it up,
 * since a second server cannot open the same data folder; else started here for the command alone
 * (PostgreSQL only: Meilisearch is not part of a backup) and stopped after it.
 */
export const resolveDatabase = async (options: {
  dataRoot: string
  env?: NodeJS.ProcessEnv
  /** Restore may initialise an empty embedded database (a new machine); backup needs an existing one. */
  allowInitialise: boolean
  log?: (message: string) => void
}): Promise<ResolvedDatabase> => {
  const env = options.env ?? process.env
  const noop = async () => {}
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, label: '外部 PostgreSQL（DATABASE_URL）', stop: noop }

  const dataDir = path.join(options.dataRoot, 'postgres')
  const passwordFile = path.join(options.dataRoot, 'postgres-password')
  const running = runningEmbeddedPostgres(options.dataRoot)
  if (running) {
    if (!existsSync(passwordFile)) throw new BackupError(`内置 PostgreSQL 正在运行，但找不到它的密码文件 ${passwordFile}。`)
    const password = readFileSync(passwordFile, 'utf8').trim()
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${EMBEDDED_DATABASE}`,
      label: `正在运行的内置 PostgreSQL（进程 ${running.pid}，端口 ${running.port}）`,
      stop: noop,
    }
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION')) && !options.allowInitialise) {
    throw new BackupError(`没有可备份的数据库：没有设置 DATABASE_URL，${dataDir} 也不存在（还没有运行过 npm start）。`)
  }
  mkdirSync(options.dataRoot, { recursive: true })
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: await getPort(),
    password: persistentSecret(passwordFile, 16),
    database: EMBEDDED_DATABASE,
    persistent: true,
    log: options.log,
  })
  return {
    url: postgres.url,
    label: `内置 PostgreSQL（${dataDir}，为本次操作临时启动，端口 ${postgres.port}）`,
    stop: postgres.stop,
  }
}
