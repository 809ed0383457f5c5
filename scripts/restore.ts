/**
 * `npm run restore -- <backup> [--force]`: restores a backup made by `npm run backup` into the
 * configured database (DATABASE_URL, or the embedded one of .data/) and media folder, then checks
 * every table's row count and the media files against the backup's manifest. <backup> is a folder,
 * a folder name under backups/ (BACKUP_DIR), or `latest`.
 */
import { existsSync } from 'fs'
import path from 'path'

import { BackupError } from '../src/backup/errors'
import { formatBytes } from '../src/backup/files'
import { listBackups, restoreBackup } from '../src/backup/restore'
import { resolveDatabase, runningApp } from '../src/backup/target'
import { ServiceStartError } from '../src/services'
import { DATA_ROOT, ROOT, say } from './lib'

const main = async (): Promise<number> => {
  const args = process.argv.slice(2)
  const force = args.includes('--force')
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--force')
  const positional = args.filter((a) => !a.startsWith('-'))
  const backupsRoot = path.resolve(process.env.BACKUP_DIR || path.join(ROOT, 'backups'))
  const mediaDir = path.resolve(process.env.MEDIA_DIR || path.join(ROOT, 'media'))

  if (positional.length !== 1 || unknown.length > 0) {
    const available = await listBackups(backupsRoot)
    console.error(
      `用法：npm run restore -- <备份目录或名称|latest> [--force]\n` +
        (available.length
          ? `${backupsRoot} 中的备份（最新在前）：\n${available.map((b) => `  ${b}`).join('\n')}`
          : `${backupsRoot} 中还没有备份（npm run backup 生成）。`),
    )
    return 2
  }
  let backupDir = positional[0]
  if (backupDir === 'latest') {
    const newest = (await listBackups(backupsRoot))[0]
    if (!newest) throw new BackupError(`${backupsRoot} 中还没有备份。`)
    backupDir = path.join(backupsRoot, newest)
  } else if (!existsSync(backupDir) && existsSync(path.join(backupsRoot, backupDir))) {
    backupDir = path.join(backupsRoot, backupDir)
  }
  if (!existsSync(backupDir)) throw new BackupError(`找不到备份 ${positional[0]}（既不是目录，也不在 ${backupsRoot} 中）。`)

  if (!process.env.DATABASE_URL) {
    const app = runningApp(DATA_ROOT)
    if (app) {
      throw new BackupError(
        `平台正在运行（npm start，进程 ${app.pid}，端口 ${app.port}）：恢复会替换它正在使用的数据库和媒体文件。\n` +
          `  请先在那个终端按 Ctrl-C 停止它，再运行 npm run restore。`,
      )
    }
  }

  const database = await resolveDatabase({ dataRoot: DATA_ROOT, allowInitialise: true, log: say })
  try {
    say(`恢复到 ${database.label}`)
    const result = await restoreBackup({ backupDir, databaseUrl: database.url, mediaDir, force, log: say })
    const width = Math.max(...result.tables.map((t) => t.table.length), 4)
    const n = (v: number | null) => (v === null ? '（无）' : v.toLocaleString('zh-CN'))
    console.log(`\n${'表'.padEnd(width - 1)}  ${'备份时'.padStart(7)}  ${'恢复后'.padStart(7)}`)
    for (const t of result.tables) {
      const mark = t.ok ? '\x1b[32m✓\x1b[0m' : '\x1b[31m✗ 不一致\x1b[0m'
      console.log(`${t.table.padEnd(width)}  ${n(t.expected).padStart(10)}  ${n(t.actual).padStart(10)}  ${mark}`)
    }
    const total = result.tables.reduce((a, t) => a + (t.actual ?? 0), 0)
    const m = result.media
    console.log(
      `媒体文件：备份时 ${m.expectedFiles} 个（${formatBytes(m.expectedBytes)}），恢复后 ${m.files} 个（${formatBytes(m.bytes)}） ${m.ok ? '\x1b[32m✓\x1b[0m' : '\x1b[31m✗ 不一致\x1b[0m'}`,
    )
    if (result.asideDatabase)
      console.log(`原数据库已改名保留为 ${result.asideDatabase}（确认无误后可删除：DROP DATABASE "${result.asideDatabase}";）`)
    if (result.asideMedia) console.log(`原媒体文件夹已改名保留为 ${result.asideMedia}`)
    if (result.droppedSettings.length) {
      console.log(`注意：原数据库的数据库级设置没有复制到新库，如需要请重新设置：${result.droppedSettings.join('；')}`)
    }
    if (!result.ok) {
      console.error(`\n\x1b[31m✖ 恢复完成，但与备份清单不一致（见上表）。\x1b[0m\n`)
      return 1
    }
    console.log(`
\x1b[1m恢复完成并核对一致\x1b[0m：${result.tables.length} 张表，共 ${total.toLocaleString('zh-CN')} 行；${m.files} 个媒体文件。
  备份时间 ${new Date(result.manifest.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}（北京时间）
  搜索索引不在备份里：启动平台后运行 npm run reindex 重建（每晚的核对也会补齐）。
`)
    return 0
  } finally {
    await database.stop()
  }
}

try {
  process.exit(await main())
} catch (error) {
  if (error instanceof BackupError || error instanceof ServiceStartError) {
    console.error(`\n\x1b[31m✖ ${error.message}\x1b[0m\n`)
  } else {
    console.error(error)
  }
  process.exit(1)
}
