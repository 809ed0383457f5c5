/**
 * `npm run bench:search-quality`: how forgiving search is (issue 14 §4). Forty real queries —
 * homophone typos, pinyin, traditional characters, abbreviations (bench/search-queries.ts) — are
 * searched with the site's own search function as a content editor (`editor@demo.edu.cn`, who may
 * read every published item, so each query competes with the whole catalogue and no target is
 * hidden by its audience), and the share whose seeded item is among the first five results is printed, per kind
 * and in all, with every miss. Throw-away PostgreSQL and Meilisearch, migrated and seeded; about
 * 2–3 minutes, mostly the seed. `SEARCH_QUALITY_TOP` changes the cut-off (default 5).
 */
import { randomBytes } from 'crypto'
import path from 'path'

import { startLocalServices } from '../src/services'
import { scratch } from '../scripts/harness'
import { prepareDatabase, say } from '../scripts/lib'
import { QUALITY_QUERIES, type QueryKind } from './search-queries'

const TOP = Number(process.env.SEARCH_QUALITY_TOP ?? 5)
const KIND_LABELS: Record<QueryKind, string> = { typo: '同音错字', pinyin: '拼音', traditional: '繁体', abbreviation: '简称' }

const { dir, state, cleanup } = scratch('party-search-quality-')

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
    MEILI_INDEX: 'content_quality',
  }
  say('准备数据库（迁移 + 演示数据）……')
  const t0 = Date.now()
  if ((await prepareDatabase(env)) !== 0) throw new Error('数据库准备失败')
  say(`迁移与演示数据用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`)
  Object.assign(process.env, env)

  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { reindexAll } = await import('../src/search/reindex')
  const { searchContent } = await import('../src/search/query')
  const { documentId } = await import('../src/search/documents')
  const payload = await getPayload({ config })
  await reindexAll(payload)

  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: 'editor@demo.edu.cn' } }, depth: 0, limit: 1 })
  const editor = { ...docs[0], collection: 'users' as const }
  const reader = { user: editor, payload, context: {} }

  const tally: Record<string, { found: number; total: number }> = {}
  const misses: string[] = []
  for (const item of QUALITY_QUERIES) {
    const target = await payload.find({
      collection: item.collection,
      where: { title: { equals: item.title }, _status: { equals: 'published' } },
      depth: 0,
      limit: 1,
      overrideAccess: true,
    })
    if (!target.docs[0]) throw new Error(`演示数据中没有已发布的“${item.title}”（${item.collection}）`)
    const wanted = documentId(item.collection, target.docs[0].id)
    const result = await searchContent(reader, { q: item.q, hitsPerPage: TOP })
    const rank = result.hits.findIndex((h) => h.id === wanted)
    const t = (tally[item.kind] ??= { found: 0, total: 0 })
    t.total++
    if (rank >= 0) t.found++
    else
      misses.push(
        `  未找到：${KIND_LABELS[item.kind]}「${item.q}」→ ${item.title}；前 ${TOP} 条：${result.hits.map((h) => h.title.replace(/<\/?mark>/g, '')).join(' | ') || '（无）'}${result.suggestion ? `；你是不是要找：${result.suggestion}` : ''}`,
      )
  }
  const found = Object.values(tally).reduce((s, t) => s + t.found, 0)
  console.log('')
  for (const [kind, t] of Object.entries(tally)) console.log(`${KIND_LABELS[kind as QueryKind]}：${t.found} / ${t.total}`)
  console.log(`前 ${TOP} 条中找到目标：${found} / ${QUALITY_QUERIES.length}（${((100 * found) / QUALITY_QUERIES.length).toFixed(1)}%）`)
  if (misses.length) console.log(misses.join('\n'))
  const { closePayload } = await import('../src/db/migrate')
  await closePayload(payload)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit(process.exitCode ?? 0)
