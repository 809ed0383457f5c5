/**
 * `npm run integrity -- <from YYYY-MM-DD> [to YYYY-MM-DD]`: the study-integrity analysis on demand
 * for a period of Shanghai days (the nightly job analyses yesterday). Flags are written once per
 * member, kind and day; a rerun refreshes pending flags and leaves reviewed ones alone.
 * `npm run integrity` runs it on the `.data/` services; `tsx scripts/integrity.ts` on DATABASE_URL.
 */
import { getPayload } from 'payload'

import config from '../payload.config'
import { closePayload } from '../src/db/migrate'
import { analyseIntegrity } from '../src/integrity/analyse'
import { say } from './lib'

const [from, to] = process.argv.slice(2).filter((a) => /^\d{4}-\d{2}-\d{2}$/.test(a))
if (!from) {
  console.error('用法：npm run integrity -- <起始日期 YYYY-MM-DD> [结束日期 YYYY-MM-DD]')
  process.exit(2)
}
const payload = await getPayload({ config })
let code = 0
try {
  const r = await analyseIntegrity(payload, { from, to })
  say(
    `学习异常检测 ${r.days[0]}–${r.days.at(-1)}：${r.members} 名学员、${r.beats} 次心跳；新标记 ${r.created}，更新 ${r.updated}，不变 ${r.unchanged}`,
  )
  for (const f of r.flags) say(`  学员 ${f.memberId} · ${f.kind} · ${f.evidence.summary}`)
} catch (e) {
  console.error(e)
  code = 1
} finally {
  await closePayload(payload)
}
process.exit(code)
