import { execFile } from 'child_process'
import { createHash } from 'crypto'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createBackup, type Manifest } from '../../../src/backup/backup'
import { withDatabaseName } from '../../../src/backup/database'
import { restoreBackup } from '../../../src/backup/restore'
import { unique } from '../../helpers/payload'

const baseUrl = process.env.DATABASE_URL!
const mediaDir = process.env.MEDIA_DIR!
const dirs: string[] = []
const databases: string[] = []
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  chmodSync(dir, 0o755)
  dirs.push(dir)
  return dir
}

const query = async <T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

/** A new, empty database on the test server. */
const freshDatabase = async () => {
  const name = unique('restore').replace(/-/g, '_')
  await query(withDatabaseName(baseUrl, 'postgres'), `CREATE DATABASE "${name}"`)
  databases.push(name)
  return { name, url: withDatabaseName(baseUrl, name) }
}

/** Row count of every base table, read independently of the code under test. */
const tableCounts = async (url: string): Promise<Record<string, number>> => {
  const tables = await query<{ s: string; t: string }>(
    url,
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  )
  const counts: Record<string, number> = {}
  for (const { s, t } of tables) {
    counts[`${s}.${t}`] = Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM "${s}"."${t}"`))[0].n)
  }
  return counts
}

/** Every file under dir with its SHA-256 ('.gitkeep' included: it is a file like any other). */
const fileDigests = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name)
      if (e.isDirectory()) walk(child)
      else
        out[child] = createHash('sha256')
          .update(readFileSync(path.join(dir, child)))
          .digest('hex')
    }
  }
  walk('')
  return out
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** A fingerprint of a whole table's content, to show a restore copies values and not only row counts. */
const tableDigest = async (url: string, table: string) =>
  (await query<{ d: string }>(url, `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS d FROM ${table} t`))[0].d

const runCli = (script: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const childEnv = { ...process.env, ...env }
    delete childEnv.NODE_OPTIONS
    execFile(path.resolve('node_modules/.bin/tsx'), [script, ...args], { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })

let backupsRoot: string
let backup: { dir: string; manifest: Manifest }
let sourceCounts: Record<string, number>
let restored: { name: string; url: string }
let restoredMedia: string
let tag: string

beforeAll(async () => {
  expect(baseUrl, 'DATABASE_URL (vitest global setup)').toBeTruthy()
  expect(mediaDir, 'MEDIA_DIR (vitest global setup)').toBeTruthy()
  // Uploads of the kind the app stores: an image-like binary in a sub-folder and a Chinese file name.
  tag = unique('backup')
  mkdirSync(path.join(mediaDir, tag), { recursive: true })
  writeFileSync(path.join(mediaDir, tag, 'photo.webp'), Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 31) % 256)))
  writeFileSync(path.join(mediaDir, `${tag}-党课讲稿.pdf`), '%PDF-1.4 三会一课\n')
  backupsRoot = tempDir('party-backups-')
  sourceCounts = await tableCounts(baseUrl)
  backup = await createBackup({ databaseUrl: baseUrl, mediaDir, backupsRoot })
})

afterAll(async () => {
  for (const name of databases) {
    await query(withDatabaseName(baseUrl, 'postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {})
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  if (tag) {
    rmSync(path.join(mediaDir, tag), { recursive: true, force: true })
    rmSync(path.join(mediaDir, `${tag}-党课讲稿.pdf`), { force: true })
  }
})

describe('npm run backup / npm run restore', () => {
  it('writes a timestamped folder: a custom-format dump, the media folder and a manifest with counts and checksums', () => {
    expect(path.basename(backup.dir)).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/)
    expect(readdirSync(backup.dir).sort()).toEqual(['database.dump', 'manifest.json', 'media.tar'])
    // pg_dump's custom format starts with "PGDMP".
    expect(readFileSync(path.join(backup.dir, 'database.dump')).subarray(0, 5).toString()).toBe('PGDMP')
    const manifest = JSON.parse(readFileSync(path.join(backup.dir, 'manifest.json'), 'utf8')) as Manifest
    expect(manifest.database.serverVersion).toMatch(/^18\./)
    for (const file of ['database.dump', 'media.tar']) {
      expect(manifest.files[file].sha256).toBe(sha256(path.join(backup.dir, file)))
      expect(manifest.files[file].bytes).toBe(statSync(path.join(backup.dir, file)).size)
    }
    // Every table, with the counts the database had (nothing else writes during this file).
    expect(manifest.database.tables).toEqual(sourceCounts)
    expect(manifest.database.tables['public.users']).toBeGreaterThanOrEqual(108)
    expect(manifest.media.files).toBe(Object.keys(fileDigests(mediaDir)).filter((f) => f !== '.gitkeep').length)
  })

  it('restores into a fresh database: every table has the same row count, the media files are identical', async () => {
    restored = await freshDatabase()
    restoredMedia = path.join(tempDir('party-restore-media-'), 'media')
    const result = await restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url, mediaDir: restoredMedia })
    expect(result.ok).toBe(true)

    const counts = await tableCounts(restored.url)
    expect(Object.keys(counts).length).toBeGreaterThan(30)
    expect(counts).toEqual(sourceCounts)
    expect(result.tables.every((t) => t.ok && t.actual === sourceCounts[t.table])).toBe(true)
    for (const table of ['users', 'organizations', 'payload_migrations', 'audit_logs']) {
      expect(await tableDigest(restored.url, table), table).toBe(await tableDigest(baseUrl, table))
    }
    expect(fileDigests(restoredMedia)).toEqual(fileDigests(mediaDir))
  })

  it('refuses a database that is not empty unless --force, which keeps the old database aside', async () => {
    await query(restored.url, 'CREATE TABLE added_after_backup (id int)')
    const before = await tableCounts(restored.url)

    await expect(restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url, mediaDir: restoredMedia })).rejects.toThrow(
      /拒绝恢复：数据库 .*不是空的.*--force/s,
    )
    // The command line says the same in Chinese, exits non-zero and changes nothing.
    const cli = await runCli('scripts/restore.ts', [backup.dir], { DATABASE_URL: restored.url, MEDIA_DIR: restoredMedia })
    expect(cli.code).toBe(1)
    expect(cli.stderr).toMatch(/拒绝恢复：数据库 .*不是空的/)
    expect(cli.stderr).toMatch(/媒体文件夹 .* 不是空的/)
    expect(cli.stderr).toContain('--force')
    expect(await tableCounts(restored.url)).toEqual(before)

    const result = await restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url, mediaDir: restoredMedia, force: true })
    expect(result.ok).toBe(true)
    expect(await tableCounts(restored.url)).toEqual(sourceCounts) // the extra table is gone: a fresh database
    expect(result.asideDatabase).toMatch(new RegExp(`^${restored.name}_before_restore_`))
    databases.push(result.asideDatabase!)
    expect(Object.keys(await tableCounts(withDatabaseName(baseUrl, result.asideDatabase!)))).toContain('public.added_after_backup')
    expect(result.asideMedia && existsSync(result.asideMedia)).toBe(true)
    expect(fileDigests(restoredMedia)).toEqual(fileDigests(mediaDir))
  }, 180_000)

  it('refuses a corrupted backup (checksum mismatch) before touching anything', async () => {
    const copy = path.join(tempDir('party-corrupt-'), path.basename(backup.dir))
    cpSync(backup.dir, copy, { recursive: true })
    const dump = path.join(copy, 'database.dump')
    const bytes = readFileSync(dump)
    bytes[Math.floor(bytes.length / 2)] ^= 0xff
    writeFileSync(dump, bytes)

    const target = await freshDatabase()
    const targetMedia = path.join(tempDir('party-corrupt-media-'), 'media')
    await expect(restoreBackup({ backupDir: copy, databaseUrl: target.url, mediaDir: targetMedia })).rejects.toThrow(
      /备份已损坏：database\.dump 的 SHA-256 校验和与 manifest\.json 不符/,
    )
    expect(await tableCounts(target.url)).toEqual({})
    expect(existsSync(targetMedia)).toBe(false)

    rmSync(path.join(copy, 'media.tar'))
    writeFileSync(dump, readFileSync(path.join(backup.dir, 'database.dump')))
    await expect(restoreBackup({ backupDir: copy, databaseUrl: target.url, mediaDir: targetMedia })).rejects.toThrow(/缺少 media\.tar/)
  })

  it('npm run backup writes a backup under BACKUP_DIR and says where', async () => {
    const root = tempDir('party-cli-backups-')
    const cli = await runCli('scripts/backup.ts', [], { DATABASE_URL: baseUrl, MEDIA_DIR: mediaDir, BACKUP_DIR: root })
    expect(cli.code, cli.stderr).toBe(0)
    const [name] = readdirSync(root)
    expect(cli.stdout).toContain(`备份完成`)
    expect(cli.stdout).toContain(`npm run restore -- ${name}`)
    const manifest = JSON.parse(readFileSync(path.join(root, name, 'manifest.json'), 'utf8')) as Manifest
    expect(manifest.database.tables).toEqual(sourceCounts)
  })
})
