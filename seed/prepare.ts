/**
 * Brings a database up to date: applies the committed migrations, then (with --seed) seeds the
 * demo data once. `npm start` runs it before serving; tests run it on their fresh databases.
 */
import { getPayload } from 'payload'

import config from '../payload.config'
import { applyMigrations, closePayload } from '../src/db/migrate'
import { SEED_VERSION, seedDemoData } from './index'

const log = (m: string) => console.log(`\x1b[31m[智慧党建]\x1b[0m ${m}`)
const payload = await getPayload({ config })
let failed = false
try {
  await applyMigrations(payload)
  if (process.argv.includes('--seed')) {
    const settings = await payload.findGlobal({ slug: 'platform-settings', depth: 0 })
    const current = settings.demoSeedVersion ?? (settings.demoSeededAt ? 1 : 0)
    if (current >= SEED_VERSION && !process.argv.includes('--force')) {
      log(`演示数据（第 ${current} 版）已于 ${new Date(settings.demoSeededAt!).toLocaleString('zh-CN')} 导入，跳过。`)
    } else {
      log(current ? `演示数据从第 ${current} 版更新到第 ${SEED_VERSION} 版……` : '导入演示数据……')
      await seedDemoData(payload, log)
      await payload.updateGlobal({
        slug: 'platform-settings',
        data: { demoSeededAt: new Date().toISOString(), demoSeedVersion: SEED_VERSION },
      })
    }
  }
} catch (error) {
  failed = true
  console.error(error)
} finally {
  await closePayload(payload)
}
process.exit(failed ? 1 : 0)
