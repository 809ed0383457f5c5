/**
 * `npm run bench:import`: 批量导入 of BENCH_PEOPLE people (20,000) from one Excel file, as sysAdmin,
 * on throw-away services (migrations only, no demo data). Prints the seconds for: the organisation
 * tree (one college, a branch per 45 people) through the Local API; the people file's check (read
 * the .xlsx, plan every row); the import itself (check again inside the transaction, set-based
 * writes, organisation recount, audit, commit); the same file again (0 changes); and a file with
 * 10% of the rows changed.
 *
 *   BENCH_PEOPLE=20000 npm run bench:import
 */
import { randomBytes } from 'crypto'
import ExcelJS from 'exceljs'
import path from 'path'

import { startLocalServices } from '../src/services'
import { scratch } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000)
const PER_BRANCH = 45
const STAGES = ['正式党员', '正式党员', '预备党员', '入党积极分子', '入党申请人', '群众']

const { dir, state, cleanup } = scratch('party-bench-import-')
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)))

const sheet = async (header: string[], rows: string[][]) => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('导入')
  ws.addRow(header)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(1)

let exitCode = 0
try {
  const services = (state.services = await startLocalServices({
    dataRoot: dir,
    persistent: false,
    env: {} as NodeJS.ProcessEnv,
    database: 'bench',
    log: say,
  }))
  const env = {
    ...services.env,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    MEDIA_DIR: path.join(dir, 'media'),
    MEILI_INDEX: 'content_bench',
  }
  say('准备数据库（仅迁移）……')
  if ((await prepareDatabase(env, false)) !== 0) throw new Error('数据库准备失败')
  Object.assign(process.env, env)
  const { getPayload, createLocalReq } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { dryRun, prepareImport } = await import('../src/import/service')
  const { COLUMNS } = await import('../src/import/columns')
  const { closePayload } = await import('../src/db/migrate')
  const payload = await getPayload({ config })

  const uc = await payload.create({
    collection: 'organizations',
    data: { name: '压测大学党委', code: 'BU', type: 'universityCommittee' },
    overrideAccess: true,
  })
  const admin = await payload.create({
    collection: 'users',
    data: {
      name: '压测管理员',
      email: 'bench-admin@bench.edu.cn',
      password: 'Vq7#Lm2$Xr9',
      roles: ['sysAdmin'],
      organization: uc.id,
      politicalStage: 'masses',
    },
    overrideAccess: true,
  })
  const user = { ...admin, collection: 'users' as const }
  const request = async () => createLocalReq({ user }, payload)
  const runImport = async (kind: 'people' | 'organizations', body: Buffer) => {
    const go = await prepareImport(await request(), kind, { name: `${kind}.xlsx`, body })
    let last = 0
    const report = await go((e) => {
      if (e.type === 'progress' && e.done - last >= 5000) {
        last = e.done
        say(`  写入 ${e.done} / ${e.total}`)
      }
      if (e.type === 'error') throw new Error(e.message)
    })
    if (!report) throw new Error('导入失败')
    return report
  }

  const branches = Math.ceil(PEOPLE / PER_BRANCH)
  const orgHeader = COLUMNS.organizations.map((c) => c.header)
  const orgFile = await sheet(orgHeader, [
    ['BC', '压测学院党委', '院(系)党委', 'BU'],
    ...Array.from({ length: branches }, (_, i) => [`BB-${i + 1}`, `压测党支部${i + 1}`, '党支部', 'BC']),
  ])
  let t = performance.now()
  const orgReport = await runImport('organizations', orgFile)
  const orgSeconds = seconds(t)
  say(`党组织导入：${orgReport.counts.new} 个（1 个学院党委、${branches} 个支部），${orgSeconds} s`)

  const header = COLUMNS.people.map((c) => c.header)
  const row = (n: number, rename = false) => [
    rename ? `改名党员${n}` : `压测党员${n}`,
    `B${String(n).padStart(6, '0')}`,
    `BB-${1 + Math.floor((n - 1) / PER_BRANCH)}`,
    STAGES[n % STAGES.length]!,
    `b${n}@bench.edu.cn`,
    `139${String(n).padStart(8, '0')}`,
  ]
  t = performance.now()
  const file = await sheet(
    header,
    Array.from({ length: PEOPLE }, (_, i) => row(i + 1)),
  )
  say(`生成 ${PEOPLE} 行的 Excel：${(file.length / 1024 / 1024).toFixed(1)} MB，${seconds(t)} s`)

  t = performance.now()
  const dry = await dryRun(await request(), 'people', { name: 'people.xlsx', body: file })
  const drySeconds = seconds(t)
  if (dry.problemCount) throw new Error(`检查发现问题：${JSON.stringify(dry.problems.slice(0, 3))}`)
  say(`检查（不写入）：${dry.rows} 行，新增 ${dry.counts.new}，${drySeconds} s`)

  t = performance.now()
  const first = await runImport('people', file)
  const firstSeconds = seconds(t)
  say(`导入：新增 ${first.counts.new}，${firstSeconds} s`)

  t = performance.now()
  const again = await runImport('people', file)
  const againSeconds = seconds(t)
  say(`同一文件再次导入：新增 ${again.counts.new}，更新 ${again.counts.changed}，未变 ${again.counts.unchanged}，${againSeconds} s`)

  const changedFile = await sheet(
    header,
    Array.from({ length: PEOPLE }, (_, i) => row(i + 1, (i + 1) % 10 === 0)),
  )
  t = performance.now()
  const changed = await runImport('people', changedFile)
  const changedSeconds = seconds(t)
  say(`10% 的行改名后导入：更新 ${changed.counts.changed}，未变 ${changed.counts.unchanged}，${changedSeconds} s`)

  const pool = (payload.db as unknown as { pool: import('pg').Pool }).pool
  const { rows } = await pool.query(
    `SELECT count(*)::int AS people, (SELECT sum(member_count)::int FROM organizations WHERE type = 'branch') AS party_members FROM users WHERE staff_number LIKE 'B%'`,
  )
  console.log('')
  console.log(`批量导入 ${PEOPLE} 名人员（${branches} 个支部）：`)
  console.log(`  党组织导入（${orgReport.counts.new} 个，逐个经 Local API）  ${orgSeconds} s`)
  console.log(`  检查（读取 Excel + 逐行校验，不写入）      ${drySeconds} s`)
  console.log(`  导入（检查 + 写入 + 组织计数 + 审计 + 提交）${firstSeconds} s`)
  console.log(`  同一文件再次导入（0 变更）                 ${againSeconds} s`)
  console.log(`  10% 行变更后导入                           ${changedSeconds} s`)
  console.log(`  库中人员 ${rows[0].people}，支部党员计数合计 ${rows[0].party_members}`)
  await closePayload(payload)
} catch (error) {
  console.error(error)
  exitCode = 1
} finally {
  await cleanup()
}
process.exit(exitCode)
