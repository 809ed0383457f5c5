import { existsSync, mkdtempSync, rmSync } from 'fs'
import { mkdir, rename, rm, stat, writeFile } from 'fs/promises'
import { tmpdir } from 'os'
import path from 'path'

import { connect, countRows, describeDatabase, libpqConnection, listTables, serverVersion } from './database'
import { BackupError } from './errors'
import { mediaContent, runTool, sha256File, timestampName } from './files'
import { findPgTools } from './pgTools'

export const MANIFEST_FORMAT = 'smart-party-learning-backup/1'
export const DUMP_FILE = 'database.dump'
export const MEDIA_FILE = 'media.tar'

export type Manifest = {
  format: typeof MANIFEST_FORMAT
  createdAt: string
  database: {
    name: string
    host: string
    serverVersion: string
    serverVersionNum: number
    pgDump: string
    pgDumpMajor: number
    /** Exact row counts, taken in the same snapshot pg_dump dumped. */
    tables: Record<string, number>
    totalRows: number
  }
  media: { dir: string; files: number; bytes: number }
  /** SHA-256 and size of each file of the backup (manifest.json aside). */
  files: Record<string, { sha256: string; bytes: number }>
}

export type BackupOptions = {
  databaseUrl: string
  mediaDir: string
  /** The folder that receives one sub-folder per backup. */
  backupsRoot: string
  now?: Date
  log?: (message: string) => void
}

/**
 * One backup: backupsRoot/<UTC time>/ with database.dump (pg_dump custom format), media.tar (the
 * media folder) and manifest.json. Row counts are taken in a snapshot exported to pg_dump, so they
 * are exactly what the dump holds even while the app keeps writing. The folder appears under its
 * final name only when complete.
 */
export const createBackup = async (options: BackupOptions): Promise<{ dir: string; manifest: Manifest }> => {
  const log = options.log ?? (() => {})
  const now = options.now ?? new Date()
  const { name: dbName, host } = describeDatabase(options.databaseUrl)

  await mkdir(options.backupsRoot, { recursive: true })
  let name = timestampName(now)
  for (let n = 2; existsSync(path.join(options.backupsRoot, name)); n++) name = `${timestampName(now)}-${n}`
  const finalDir = path.join(options.backupsRoot, name)
  const work = path.join(options.backupsRoot, `.${name}.partial`)
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })

  const client = await connect(options.databaseUrl)
  try {
    const server = await serverVersion(client)
    const tools = findPgTools(server.major)
    log(`数据库 ${dbName}（${host}，PostgreSQL ${server.version}），使用 pg_dump ${tools.version}（${tools.binDir}）`)

    // One snapshot for the counts and the dump: held open until pg_dump has finished.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id
    const tables = await listTables(client)
    const counts = await countRows(client, tables)
    const conn = libpqConnection(options.databaseUrl)
    log(`导出数据库（${tables.length} 张表）……`)
    try {
      await runTool(
        tools.pgDump,
        ['--format=custom', `--snapshot=${snapshot}`, '--no-password', `--file=${path.join(work, DUMP_FILE)}`, `--dbname=${conn.dbname}`],
        conn.env,
      )
    } catch (error) {
      throw new BackupError(`pg_dump 失败：${(error as Error).message}`)
    }
    await client.query('COMMIT')

    // The media folder after the database: an upload finished in between may be in one and not the other.
    const media = await mediaContent(options.mediaDir)
    log(`打包媒体文件夹（${media.length} 个文件）……`)
    const source = existsSync(options.mediaDir) ? options.mediaDir : mkdtempSync(path.join(tmpdir(), 'party-media-empty-'))
    try {
      await runTool('tar', ['-cf', path.join(work, MEDIA_FILE), '-C', source, '.'])
    } catch (error) {
      throw new BackupError(`打包媒体文件夹 ${options.mediaDir} 失败：${(error as Error).message}`)
    } finally {
      if (source !== options.mediaDir) rmSync(source, { recursive: true, force: true })
    }

    const files: Manifest['files'] = {}
    for (const file of [DUMP_FILE, MEDIA_FILE]) {
      const full = path.join(work, file)
      files[file] = { sha256: await sha256File(full), bytes: (await stat(full)).size }
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt: now.toISOString(),
      database: {
        name: dbName,
        host,
        serverVersion: server.version,
        serverVersionNum: server.num,
        pgDump: tools.version,
        pgDumpMajor: tools.major,
        tables: counts,
        totalRows: Object.values(counts).reduce((a, b) => a + b, 0),
      },
      media: { dir: options.mediaDir, files: media.length, bytes: media.reduce((a, f) => a + f.bytes, 0) },
      files,
    }
    await writeFile(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
    await rename(work, finalDir)
    return { dir: finalDir, manifest }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    await rm(work, { recursive: true, force: true })
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}
