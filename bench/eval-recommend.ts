/**
 * `npm run eval:recommend`: offline evaluation of the recommender. Synthetic members have hidden
 * theme preferences that drive simulated study histories; each member's last studies are held out,
 * and the recommender (from the earlier history) is scored by precision@10 and recall@10 against a
 * popularity-only baseline on the same data. Throw-away services, like `npm test`.
 *   EVAL_MEMBERS=120 EVAL_SEED=7 npm run eval:recommend
 */
import { randomBytes } from 'crypto'
import { chmodSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

import { startLocalServices, type LocalServices } from '../src/services'
import { bin, childEnv, run, say } from '../scripts/lib'

const MEMBERS = Number(process.env.EVAL_MEMBERS ?? 120)
const HISTORY = 10
const HELD_OUT = 3
let seed = Number(process.env.EVAL_SEED ?? 7)
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(items: T[], weights: number[]) => {
  const total = weights.reduce((a, b) => a + b, 0)
  let r = random() * total
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) <= 0) return items[i]
  return items[items.length - 1]
}

const dir = mkdtempSync(path.join(tmpdir(), 'party-eval-'))
chmodSync(dir, 0o755)
let services: LocalServices | undefined
try {
  services = await startLocalServices({ dataRoot: dir, persistent: false, env: {} as NodeJS.ProcessEnv, database: 'evaluation', log: say })
  const env = { ...services.env, PAYLOAD_SECRET: randomBytes(24).toString('hex'), MEDIA_DIR: path.join(dir, 'media'), MEILI_INDEX: 'content_eval' }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await run(bin('tsx'), ['seed/prepare.ts', '--seed'], { env: childEnv(env) })) !== 0) throw new Error('数据库准备失败')
  Object.assign(process.env, env)
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { recommend } = await import('../src/search/recommend')
  const { audienceFilter } = await import('../src/search/query')
  const { reindexAll } = await import('../src/search/reindex')
  const { INDEX_UID, searchClient } = await import('../src/search/client')
  const { poolOf } = await import('../src/study/service')
  const payload = await getPayload({ config })
  const pool = poolOf(payload)
  await reindexAll(payload)

  // The catalogue members can study, with its themes (from the index).
  const catalogue = (await searchClient().index(INDEX_UID()).search('', { filter: 'collection IN ["courses", "micro-lessons", "red-resources"] AND audienceAllStages = true AND audienceAllOrgs = true', limit: 1000, attributesToRetrieve: ['id', 'collection', 'itemId', 'themeIds'] })).hits as Array<{ id: string; collection: string; itemId: number; themeIds: number[] }>
  const themes = [...new Set(catalogue.flatMap((c) => c.themeIds))]
  // Some items are popular with everyone (a skewed base rate), as in real catalogues.
  const appeal = new Map(catalogue.map((c) => [c.id, 0.2 + random() ** 3 * 3]))
  say(`${catalogue.length} 个可学习条目，${themes.length} 个专题；生成 ${MEMBERS} 名模拟学员……`)

  const org = (await payload.find({ collection: 'organizations', where: { code: { equals: 'B-INFO-GRAD' } }, depth: 0 })).docs[0].id
  const members: Array<{ user: Record<string, unknown>; heldOut: Set<string>; studied: Set<string> }> = []
  const now = Date.now()
  for (let m = 0; m < MEMBERS; m++) {
    // Hidden preference: two favourite themes get most of the member's study.
    const fav = [themes[Math.floor(random() * themes.length)], themes[Math.floor(random() * themes.length)]]
    const weightOf = (c: (typeof catalogue)[number]) => (c.themeIds.some((t) => fav.includes(t)) ? 8 : 1) * appeal.get(c.id)!
    const user = await payload.create({ collection: 'users', depth: 0, data: { email: `eval${m}-${now}@eval.edu.cn`, password: 'Eval@2026xyz', name: `评测${m}`, roles: ['member'], politicalStage: 'probationary', organization: org } as never })
    const sequence: typeof catalogue = []
    while (sequence.length < HISTORY + HELD_OUT) {
      const left = catalogue.filter((c) => !sequence.includes(c))
      sequence.push(pick(left, left.map(weightOf)))
    }
    const history = sequence.slice(0, HISTORY)
    for (const [i, c] of history.entries()) {
      const at = new Date(now - (HISTORY - i) * 2 * 86_400_000)
      await pool.query(
        `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 600, 1, 100, $5, 0, $5, $5)`,
        [user.id, org, c.collection, c.itemId, at],
      )
    }
    members.push({ user: { ...user, collection: 'users' }, heldOut: new Set(sequence.slice(HISTORY).map((c) => c.id)), studied: new Set(history.map((c) => c.id)) })
  }
  await reindexAll(payload) // popularity now reflects the simulated study

  let recHits = 0
  let baseHits = 0
  for (const m of members) {
    const req = { user: m.user, payload, context: {} } as never
    const recs = (await recommend(req, 10)).map((r) => r.id)
    // Baseline: the ten most popular items the member may read and has not completed.
    const notDone = [...m.studied].map((id) => `"${id}"`).join(', ')
    const popular = (await searchClient().index(INDEX_UID()).search('', {
      filter: `collection IN ["courses", "micro-lessons", "red-resources"] AND ${await audienceFilter(req)} AND id NOT IN [${notDone}]`,
      sort: ['popularity:desc'],
      limit: 10,
      attributesToRetrieve: ['id'],
    })).hits.map((h) => h.id as string)
    recHits += recs.filter((id) => m.heldOut.has(id)).length
    baseHits += popular.filter((id) => m.heldOut.has(id)).length
  }
  const p = (hits: number) => hits / (MEMBERS * 10)
  const r = (hits: number) => hits / (MEMBERS * HELD_OUT)
  console.log('')
  console.log(`模拟学员 ${MEMBERS} 名，每人学习 ${HISTORY} 条，留出最后 ${HELD_OUT} 条；候选 ${catalogue.length} 条`)
  console.log(`推荐：precision@10 = ${p(recHits).toFixed(3)}，recall@10 = ${r(recHits).toFixed(3)}`)
  console.log(`仅按热度：precision@10 = ${p(baseHits).toFixed(3)}，recall@10 = ${r(baseHits).toFixed(3)}`)
  console.log(`提升：precision ×${(p(recHits) / Math.max(p(baseHits), 1e-9)).toFixed(2)}（目标 ≥ 2）`)
  const { closePayload } = await import('../src/db/migrate')
  await closePayload(payload)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await services?.stop()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(process.exitCode ?? 0)
