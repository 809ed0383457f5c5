import type { Payload } from 'payload'

import { REVIEWED_COLLECTIONS } from '../workflow/config'
import { INDEX_UID, searchClient } from './client'
import { toDocument, type SearchDocument } from './documents'
import { ensureIndex } from './settings'

/** Every published item as index documents, collection by collection. */
const publishedDocuments = async (payload: Payload): Promise<SearchDocument[]> => {
  const out: SearchDocument[] = []
  for (const collection of REVIEWED_COLLECTIONS) {
    const { docs } = await payload.find({
      collection,
      where: { _status: { equals: 'published' } },
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: true,
    })
    for (const doc of docs) {
      const d = await toDocument(payload, collection, doc as unknown as Record<string, unknown>)
      if (d) out.push(d)
    }
  }
  return out
}

/**
 * Rebuilds the whole index into a new one and swaps it in: searches keep hitting the old index
 * until the swap, which Meilisearch makes atomically, so search never goes empty.
 */
export const reindexAll = async (payload: Payload, log: (m: string) => void = () => {}) => {
  const client = searchClient()
  const live = INDEX_UID()
  const next = `${live}_rebuild_${Date.now()}`
  await ensureIndex(payload, live)
  await ensureIndex(payload, next)
  const docs = await publishedDocuments(payload)
  log(`写入 ${docs.length} 条到新索引 ${next}……`)
  for (let i = 0; i < docs.length; i += 1000) {
    const task = await client
      .index(next)
      .addDocuments(docs.slice(i, i + 1000))
      .waitTask({ timeout: 120_000 })
    if (task.status !== 'succeeded') throw new Error(`写入新索引失败：${task.error?.message ?? task.status}`)
  }
  const swap = await client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask({ timeout: 60_000 })
  if (swap.status !== 'succeeded') throw new Error(`索引切换失败：${swap.error?.message ?? swap.status}`)
  await client.deleteIndex(next).waitTask({ timeout: 60_000 })
  log(`已切换到新索引（${docs.length} 条）`)
  return docs.length
}

/**
 * The nightly reconciliation: compares the database's published items with the index, adds or
 * refreshes what is missing or stale and deletes what should not be there.
 */
export const reconcileIndex = async (payload: Payload) => {
  await ensureIndex(payload)
  const index = searchClient().index(INDEX_UID())
  const want = new Map((await publishedDocuments(payload)).map((d) => [d.id, d]))
  const have = new Map<string, string>()
  for (let offset = 0; ; offset += 1000) {
    const page = await index.getDocuments<{ id: string; updatedAt: string }>({ fields: ['id', 'updatedAt'], limit: 1000, offset })
    for (const d of page.results) have.set(d.id, d.updatedAt)
    if (page.results.length < 1000) break
  }
  const upsert = [...want.values()].filter((d) => have.get(d.id) !== d.updatedAt)
  const remove = [...have.keys()].filter((id) => !want.has(id))
  if (upsert.length) {
    const t = await index.addDocuments(upsert).waitTask({ timeout: 120_000 })
    if (t.status !== 'succeeded') throw new Error(`对账写入失败：${t.error?.message}`)
  }
  if (remove.length) {
    const t = await index.deleteDocuments(remove).waitTask({ timeout: 120_000 })
    if (t.status !== 'succeeded') throw new Error(`对账删除失败：${t.error?.message}`)
  }
  return { upserted: upsert.length, deleted: remove.length }
}
