/**
 * `npm run eval:recommend`: offline evaluation of the recommender. Synthetic members have hidden
 * theme preferences that drive simulated study histories; each member's last studies are held out,
 * and the recommender (from the earlier history) is scored by precision@10 and recall@10 against a
 * popularity-only baseline on the same data. Throw-away services, like `npm test`.
 *   EVAL_MEMBERS=2000 EVAL_SEED=7 EVAL_CATALOGUE=600 npm run eval:recommend
 */
import { randomBytes } from 'crypto'
import { chmodSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

import type { User } from '../src/payload-types'
import { startLocalServices, type LocalServices } from '../src/services'
import { prepareDatabase, say } from '../scripts/lib'
import { seeded, syntheticDocuments } from './synthetic'

const MEMBERS = Number(process.env.EVAL_MEMBERS ?? 2000)
const HISTORY = 10
const HELD_OUT = 3
const CATALOGUE = Number(process.env.EVAL_CATALOGUE ?? 600)
const random = seeded(Number(process.env.EVAL_SEED ?? 7))
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
  const env = {
    ...services.env,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    MEDIA_DIR: path.join(dir, 'media'),
    MEILI_INDEX: 'content_eval',
  }
  say('准备数据库（迁移 + 演示数据）……')
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  Object.assign(process.env, env)
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { recommend } = await import('../src/search/recommend')
  const { audienceFilter } = await import('../src/search/query')
  const { reindexAll } = await import('../src/search/reindex')
  const { INDEX_UID, searchClient } = await import('../src/search/client')
  const { ensureIndex } = await import('../src/search/settings')
  const { poolOf } = await import('../src/db/pool')
  const payload = await getPayload({ config })
  const pool = poolOf(payload)
  await reindexAll(payload)

  const org = (await payload.find({ collection: 'organizations', where: { code: { equals: 'B-INFO-GRAD' } }, depth: 0 })).docs[0].id
  type Item = { id: string; collection: string; itemId: number; themeIds: number[] }
  const now = Date.now()
  let round = 0

  /** Simulates MEMBERS members on a catalogue, then scores the recommender and the baseline. */
  const evaluate = async (label: string, catalogue: Item[], afterStudy: () => Promise<void>) => {
    round++
    const themes = [...new Set(catalogue.flatMap((c) => c.themeIds))]
    // Some items are popular with everyone (a skewed base rate), as in real catalogues.
    const appeal = new Map(catalogue.map((c) => [c.id, 0.2 + random() ** 3 * 3]))
    say(`${label}：${catalogue.length} 个可学习条目，${themes.length} 个专题；生成 ${MEMBERS} 名模拟学员……`)
    const members: Array<{ user: User & { collection: 'users' }; heldOut: Set<string>; studied: Set<string> }> = []
    // Members are copied in bulk (SQL): what the recommender reads of them is their stage, branch and study.
    const ids = (
      await pool.query<{ id: number }>(
        `INSERT INTO users (name, email, political_stage, organization_id, active, updated_at, created_at)
         SELECT '评测' || g, 'eval' || $2::int || '-' || g || '@eval.edu.cn', 'probationary', $3, true, now(), now() FROM generate_series(1, $1::int) g RETURNING id`,
        [MEMBERS, round, org],
      )
    ).rows.map((r) => r.id)
    await pool.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM unnest($1::int[]) id`, [ids])
    for (const id of ids) {
      // Hidden preference: two favourite themes get most of the member's study.
      const fav = [themes[Math.floor(random() * themes.length)], themes[Math.floor(random() * themes.length)]]
      const weightOf = (c: Item) => (c.themeIds.some((t) => fav.includes(t)) ? 8 : 1) * appeal.get(c.id)!
      const sequence: Item[] = []
      while (sequence.length < HISTORY + HELD_OUT) {
        const left = catalogue.filter((c) => !sequence.includes(c))
        sequence.push(pick(left, left.map(weightOf)))
      }
      const history = sequence.slice(0, HISTORY)
      await pool.query(
        `INSERT INTO study_progress (member_id, organization_id, item_collection, item_id, seconds_credited, position, percent, completed_at, hours_credited, created_at, updated_at)
         SELECT $1, $2, c::enum_study_progress_item_collection, i, 600, 1, 100, t, 0, t, t FROM unnest($3::text[], $4::int[], $5::timestamptz[]) AS x(c, i, t)`,
        [
          id,
          org,
          history.map((c) => c.collection),
          history.map((c) => c.itemId),
          history.map((_, i) => new Date(now - (HISTORY - i) * 2 * 86_400_000)),
        ],
      )
      // The fields the audience filter reads, in the shape of the people collection.
      const stamp = new Date().toISOString()
      const user: User & { collection: 'users' } = {
        id,
        collection: 'users',
        name: `评估成员${id}`,
        email: `eval-${id}@bench.edu.cn`,
        roles: ['member'],
        politicalStage: 'probationary',
        organization: org,
        active: true,
        interests: [],
        createdAt: stamp,
        updatedAt: stamp,
      }
      members.push({ user, heldOut: new Set(sequence.slice(HISTORY).map((c) => c.id)), studied: new Set(history.map((c) => c.id)) })
    }
    await afterStudy() // popularity now reflects the simulated study

    let recHits = 0
    let baseHits = 0
    for (const m of members) {
      const req = { user: m.user, payload, context: {} }
      const recs = (await recommend(req, 10)).map((r) => r.id)
      // Baseline: the ten most popular items the member may read and has not completed.
      const notDone = [...m.studied].map((id) => `"${id}"`).join(', ')
      const popular = (
        await searchClient()
          .index(INDEX_UID())
          .search('', {
            filter: `collection IN ["courses", "micro-lessons", "red-resources"] AND ${await audienceFilter(req)} AND id NOT IN [${notDone}]`,
            sort: ['popularity:desc'],
            limit: 10,
            attributesToRetrieve: ['id'],
          })
      ).hits.map((h) => h.id as string)
      recHits += recs.filter((id) => m.heldOut.has(id)).length
      baseHits += popular.filter((id) => m.heldOut.has(id)).length
    }
    const p = (hits: number) => hits / (MEMBERS * 10)
    const r = (hits: number) => hits / (MEMBERS * HELD_OUT)
    return `${label}（${catalogue.length} 条候选，${themes.length} 个专题）
  推荐：      precision@10 = ${p(recHits).toFixed(3)}，recall@10 = ${r(recHits).toFixed(3)}
  仅按热度：  precision@10 = ${p(baseHits).toFixed(3)}，recall@10 = ${r(baseHits).toFixed(3)}
  提升：      precision ×${(p(recHits) / Math.max(p(baseHits), 1e-9)).toFixed(2)}（目标 ≥ 2）`
  }

  const studyable = 'collection IN ["courses", "micro-lessons", "red-resources"] AND audienceAllStages = true AND audienceAllOrgs = true'
  const reports: string[] = []

  // 1. The demo catalogue itself (small: a few dozen studyable items).
  await reindexAll(payload)
  const demo = (
    await searchClient()
      .index(INDEX_UID())
      .search('', { filter: studyable, limit: 1000, attributesToRetrieve: ['id', 'collection', 'itemId', 'themeIds'] })
  ).hits as Item[]
  reports.push(await evaluate('演示内容库', demo, () => reindexAll(payload).then(() => undefined)))

  // 2. A synthetic catalogue of the size a university platform reaches after a few years.
  process.env.MEILI_INDEX = 'content_eval_synthetic'
  await ensureIndex(payload)
  const themeList = (await payload.find({ collection: 'themes', depth: 0, limit: 0, pagination: false })).docs.map((t) => ({
    id: t.id,
    name: t.name,
  }))
  const docs = syntheticDocuments({
    count: CATALOGUE,
    themes: themeList,
    stages: [],
    organizations: [],
    random,
    collections: ['courses', 'micro-lessons', 'red-resources'],
    restrictedShare: 0,
  })
  for (const d of docs) d.requirement = d.collection === 'courses' ? 'elective' : null
  const index = searchClient().index(INDEX_UID())
  await index.addDocuments(docs.map((d) => ({ ...d, popularity: 0 }))).waitTask({ timeout: 120_000 })
  reports.push(
    await evaluate('模拟内容库', docs, async () => {
      // Popularity as the sync computes it: members who studied the item in the last 30 days.
      const { rows } = await pool.query<{ k: string; n: number }>(
        `SELECT item_collection::text || '-' || item_id::int AS k, count(*)::int AS n FROM study_progress WHERE item_id >= 1000000 AND updated_at > now() - interval '30 days' GROUP BY 1`,
      )
      await index.updateDocuments(rows.map((r) => ({ id: r.k, popularity: r.n }))).waitTask({ timeout: 120_000 })
    }),
  )

  console.log('')
  console.log(`模拟学员每个内容库 ${MEMBERS} 名，每人学习 ${HISTORY} 条，留出最后 ${HELD_OUT} 条`)
  for (const r of reports) console.log(r)
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
