/**
 * `npm run backup`: pg_dump of the database (DATABASE_URL, or the embedded one of .data/ — the running
 * instance if `npm start` has it up) and the media folder into backups/<UTC time>/ with a manifest.
 * BACKUP_DIR changes where backups go; MEDIA_DIR is the media folder, as for the app.
 */
import path from 'path'

import { createBackup } from '../src/backup/backup'
import { BackupError } from '../src/backup/errors'
import { formatBytes } from '../src/backup/files'
import { resolveDatabase } from '../src/backup/target'
import { ServiceStartError } from '../src/services'
import { DATA_ROOT, ROOT, say } from './lib'

const main = async (): Promise<number> => {
  const backupsRoot = path.resolve(process.env.BACKUP_DIR || path.join(ROOT, 'backups'))
  const mediaDir = path.resolve(process.env.MEDIA_DIR || path.join(ROOT, 'media'))
  const database = await resolveDatabase({ dataRoot: DATA_ROOT, allowInitialise: false, log: say })
  try {
    say(`备份 ${database.label}`)
    const started = Date.now()
    const { dir, manifest } = await createBackup({ databaseUrl: database.url, mediaDir, backupsRoot, log: say })
    const db = manifest.database
    const rel = path.relative(process.cwd(), dir)
    console.log(`
\x1b[1m备份完成\x1b[0m：${rel.startsWith('..') ? dir : rel}（${((Date.now() - started) / 1000).toFixed(1)} 秒）
  数据库 ${db.name}：${Object.keys(db.tables).length} 张表，共 ${db.totalRows.toLocaleString('zh-CN')} 行（PostgreSQL ${db.serverVersion}，pg_dump ${db.pgDump}）
  database.dump  ${formatBytes(manifest.files['database.dump'].bytes).padStart(9)}  sha256 ${manifest.files['database.dump'].sha256}
  media.tar      ${formatBytes(manifest.files['media.tar'].bytes).padStart(9)}  sha256 ${manifest.files['media.tar'].sha256}（${manifest.media.files} 个媒体文件）
  清单：manifest.json（各表行数、校验和）

  恢复：npm run restore -- ${path.basename(dir)}
  备份只在本机：请另行复制到其他机器或离线介质（异地保存不在本命令范围内）。
  密钥不在备份里：PAYLOAD_SECRET / PII_KEYS（内置环境为 .data/payload-secret）请另行妥善保存。
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
