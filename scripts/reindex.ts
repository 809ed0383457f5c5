/**
 * `npm run reindex`: rebuilds the whole search index into a new one and swaps it in (search never
 * goes empty). With DATABASE_URL and MEILI_HOST set it works on those; otherwise on `.data/`.
 */
import { getPayload } from 'payload'

import config from '../payload.config'
import { reindexAll } from '../src/search/reindex'
import { say } from './lib'

const payload = await getPayload({ config })
try {
  const n = await reindexAll(payload, say)
  say(`重建索引完成：${n} 条`)
} finally {
  await payload.destroy()
}
process.exit(0)
