import { execFileSync } from 'child_process'
import { existsSync, readdirSync } from 'fs'
import { homedir } from 'os'
import path from 'path'

import { BackupError } from './errors'

export type PgTools = { pgDump: string; pgRestore: string; major: number; version: string; binDir: string }

/** Where scripts/pg-client.sh installs the tools it builds (keep the two in step). */
export const pgClientCacheDir = (major: number) =>
  process.env.PG_CLIENT_DIR ||
  path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'smart-party-learning', `pg-client-${major}`)

const versionOf = (binary: string): { major: number; version: string } | undefined => {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
    const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out)
    return m ? { major: Number(m[1]), version: m[2] ? `${m[1]}.${m[2]}` : m[1] } : undefined
  } catch {
    return undefined
  }
}

const pathDirs = () => (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)

/** Directories that may hold pg_dump and pg_restore, the explicit choice first. */
const candidateDirs = (major: number): string[] => {
  const dirs: string[] = []
  if (process.env.PG_BIN_DIR) return [process.env.PG_BIN_DIR]
  dirs.push(path.join(pgClientCacheDir(major), 'bin'))
  // Debian/Ubuntu keep every installed client version side by side here.
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) dirs.push(path.join(debian, v, 'bin'))
  }
  dirs.push(...pathDirs())
  return [...new Set(dirs)]
}

/**
 * pg_dump and pg_restore from one installation whose major version is at least `minMajor`
 * (pg_dump refuses a server newer than itself; pg_restore cannot read archives of a newer pg_dump).
 * The same major as the server is preferred, so the archive stays readable by that server's own tools.
 */
export const findPgTools = (minMajor: number): PgTools => {
  const found: PgTools[] = []
  const seen: string[] = []
  for (const dir of candidateDirs(minMajor)) {
    const pgDump = path.join(dir, 'pg_dump')
    const pgRestore = path.join(dir, 'pg_restore')
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue
    const dump = versionOf(pgDump)
    const restore = versionOf(pgRestore)
    if (!dump || !restore) continue
    seen.push(`${dump.version}（${dir}）`)
    if (dump.major >= minMajor && restore.major === dump.major) {
      found.push({ pgDump, pgRestore, major: dump.major, version: dump.version, binDir: dir })
    }
  }
  found.sort((a, b) => Number(b.major === minMajor) - Number(a.major === minMajor) || a.major - b.major)
  if (found[0]) return found[0]
  throw new BackupError(
    `需要 PostgreSQL ${minMajor} 或更新版本的 pg_dump 和 pg_restore，` +
      (seen.length ? `本机只有 ${seen.join('、')}（旧版 pg_dump 拒绝导出更新的服务器）。` : '本机没有找到。') +
      `\n  在 Debian/Ubuntu 上运行一次：npm run backup:tools（从 Debian 的 postgresql-${minMajor} 源码包编译，约 1–3 分钟，` +
      `需要 build-essential bison flex libssl-dev zlib1g-dev）；` +
      `\n  或安装 PostgreSQL ${minMajor} 客户端，并把它的 bin 目录设为 PG_BIN_DIR。`,
  )
}
