import { existsSync, readFileSync } from 'fs'
import { mkdir, readdir, rename } from 'fs/promises'
import path from 'path'

import { DUMP_FILE, MANIFEST_FORMAT, MEDIA_FILE, type Manifest } from './backup'
import { countRows, describeDatabase, libpqConnection, listTables, relationCount, replaceDatabase, withClient } from './database'
import { BackupError } from './errors'
import { mediaContent, runTool, sha256File, timestampName } from './files'
import { findPgTools } from './pgTools'

export type TableCheck = { table: string; expected: number | null; actual: number | null; ok: boolean }

export type RestoreResult = {
  manifest: Manifest
  tables: TableCheck[]
  media: { expectedFiles: number; files: number; expectedBytes: number; bytes: number; ok: boolean }
  ok: boolean
  /** Where --force put what was there before (kept, never deleted). */
  asideDatabase?: string
  asideMedia?: string
  droppedSettings: string[]
}

export type RestoreOptions = {
  backupDir: string
  databaseUrl: string
  mediaDir: string
  force?: boolean
  log?: (message: string) => void
}

/** The manifest of a backup folder, with every file's presence and SHA-256 checked against it. */
export const readVerifiedManifest = async (backupDir: string): Promise<Manifest> => {
  const file = path.join(backupDir, 'manifest.json')
  if (!existsSync(file)) throw new BackupError(`${backupDir} 不是备份目录：找不到 manifest.json。`)
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  } catch (error) {
    throw new BackupError(`备份已损坏：manifest.json 无法解析（${(error as Error).message}）。拒绝恢复。`)
  }
  if (manifest.format !== MANIFEST_FORMAT || !manifest.files?.[DUMP_FILE] || !manifest.files?.[MEDIA_FILE] || !manifest.database?.tables) {
    throw new BackupError(`${backupDir}/manifest.json 不是本平台的备份清单（格式应为 ${MANIFEST_FORMAT}）。拒绝恢复。`)
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const full = path.join(backupDir, name)
    if (!existsSync(full)) throw new BackupError(`备份不完整：缺少 ${name}。拒绝恢复。`)
    const actual = await sha256File(full)
    if (actual !== expected.sha256) {
      throw new BackupError(
        `备份已损坏：${name} 的 SHA-256 校验和与 manifest.json 不符（应为 ${expected.sha256.slice(0, 16)}…，实际 ${actual.slice(0, 16)}…）。拒绝恢复。`,
      )
    }
  }
  return manifest
}

/**
 * Restores a backup into the configured database and media folder, then compares every table's row
 * count and the media files with the manifest. Nothing is touched before the backup has been checked
 * (checksums, pg_restore can read the archive) and the targets are known to be empty — or --force is
 * given, in which case the old database and media folder are renamed and kept. The database is
 * restored in one transaction: a failure leaves nothing half-restored (and the old one is put back).
 */
export const restoreBackup = async (options: RestoreOptions): Promise<RestoreResult> => {
  const log = options.log ?? (() => {})
  const { name: dbName, host } = describeDatabase(options.databaseUrl)
  const backupDir = path.resolve(options.backupDir)

  log(`校验备份 ${backupDir}……`)
  const manifest = await readVerifiedManifest(backupDir)
  const tools = findPgTools(manifest.database.pgDumpMajor)
  const dump = path.join(backupDir, DUMP_FILE)
  try {
    await runTool(tools.pgRestore, ['--list', dump])
  } catch (error) {
    throw new BackupError(`pg_restore 无法读取 ${dump}：${(error as Error).message}`)
  }

  const relations = await withClient(options.databaseUrl, relationCount)
  const existingMedia = await mediaContent(options.mediaDir)
  const occupied: string[] = []
  if (relations > 0) occupied.push(`数据库 ${dbName}（${host}）不是空的：已有 ${relations} 个表、视图或序列`)
  if (existingMedia.length > 0) occupied.push(`媒体文件夹 ${options.mediaDir} 不是空的：已有 ${existingMedia.length} 个文件`)
  if (occupied.length > 0 && !options.force) {
    throw new BackupError(
      `拒绝恢复：${occupied.join('；')}。\n` +
        `  恢复会用备份替换它们。如确需覆盖，请加 --force（原数据库和媒体文件夹会改名保留，不会删除）：\n` +
        `  npm run restore -- ${options.backupDir} --force`,
    )
  }

  const stamp = timestampName(new Date()).replace(/[-:]/g, '').toLowerCase()
  let replaced: Awaited<ReturnType<typeof replaceDatabase>> | undefined
  if (relations > 0) {
    replaced = await replaceDatabase(options.databaseUrl, stamp)
    log(`原数据库已改名保留为 ${replaced.aside}`)
  }

  log(`恢复数据库 ${dbName}（pg_restore ${tools.version}）……`)
  const conn = libpqConnection(options.databaseUrl)
  try {
    // --no-owner: objects belong to the user restoring (the server restored to may not have the
    // original roles); grants are kept.
    await runTool(
      tools.pgRestore,
      ['--no-owner', '--single-transaction', '--exit-on-error', '--no-password', `--dbname=${conn.dbname}`, dump],
      conn.env,
    )
  } catch (error) {
    if (replaced) await replaced.undo().catch(() => {})
    throw new BackupError(`pg_restore 失败，数据库没有被改动${replaced ? '（原数据库已恢复原名）' : ''}：${(error as Error).message}`)
  }

  let asideMedia: string | undefined
  if (existingMedia.length > 0) {
    asideMedia = `${options.mediaDir.replace(/[\\/]+$/, '')}.before-restore-${stamp}`
    await rename(options.mediaDir, asideMedia)
    log(`原媒体文件夹已改名保留为 ${asideMedia}`)
  }
  await mkdir(options.mediaDir, { recursive: true })
  log('恢复媒体文件……')
  try {
    await runTool('tar', ['-xf', path.join(backupDir, MEDIA_FILE), '-C', options.mediaDir])
  } catch (error) {
    throw new BackupError(`解包媒体文件失败（数据库已恢复）：${(error as Error).message}`)
  }

  // Verification, from scratch: what is now in the database and the folder.
  const actual = await withClient(options.databaseUrl, async (client) => countRows(client, await listTables(client)))
  const names = [...new Set([...Object.keys(manifest.database.tables), ...Object.keys(actual)])].sort()
  const tables: TableCheck[] = names.map((table) => {
    const expected = manifest.database.tables[table] ?? null
    const got = actual[table] ?? null
    return { table, expected, actual: got, ok: expected === got }
  })
  const restoredMedia = await mediaContent(options.mediaDir)
  const bytes = restoredMedia.reduce((a, f) => a + f.bytes, 0)
  const media = {
    expectedFiles: manifest.media.files,
    files: restoredMedia.length,
    expectedBytes: manifest.media.bytes,
    bytes,
    ok: restoredMedia.length === manifest.media.files && bytes === manifest.media.bytes,
  }
  return {
    manifest,
    tables,
    media,
    ok: tables.every((t) => t.ok) && media.ok,
    asideDatabase: replaced?.aside,
    asideMedia,
    droppedSettings: replaced?.droppedSettings ?? [],
  }
}

/** Backups under root, newest first (folder names are UTC times). */
export const listBackups = async (root: string): Promise<string[]> => {
  if (!existsSync(root)) return []
  const entries = await readdir(root, { withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(path.join(root, e.name, 'manifest.json')))
    .map((e) => e.name)
    .sort()
    .reverse()
}
