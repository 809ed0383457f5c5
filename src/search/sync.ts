import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload, TaskConfig } from 'payload'

import { poolOf } from '../db/pool'
import { INDEX_UID, searchClient } from './client'
import { documentId, toDocument } from './documents'
import { reviveWaitingSyncs, waitingSyncs } from './queries'
import { ensureIndex } from './settings'

export const SEARCH_QUEUE = 'search'

let ensured: Promise<void> | null = null
/** Index settings once per process (and again after a failure). */
const ready = (payload: Payload) => {
  ensured ??= ensureIndex(payload).catch((e) => {
    ensured = null
    throw e
  })
  return ensured
}

/**
 * Brings one item's index entry in line with its current published state: upsert when published,
 * delete otherwise. Fails (so the queue retries) unless Meilisearch confirms the task.
 */
export const syncItem = async (payload: Payload, collection: string, id: number | string) => {
  await ready(payload)
  const doc = await payload.findByID({ collection: collection as 'news', id, depth: 0, overrideAccess: true }).catch(() => null)
  const document = await toDocument(payload, collection, doc as Record<string, unknown> | null)
  const index = searchClient().index(INDEX_UID())
  const task = document
    ? await index.addDocuments([document]).waitTask({ timeout: 10_000 })
    : await index.deleteDocument(documentId(collection, id)).waitTask({ timeout: 10_000 })
  if (task.status !== 'succeeded') throw new Error(`Meilisearch 未确认同步：${task.error?.message ?? task.status}`)
  return document ? 'upserted' : 'deleted'
}

export const syncSearchTask: TaskConfig<{ input: { collection: string; id: string }; output: { result: string } }> = {
  slug: 'syncSearch',
  label: '同步搜索索引',
  inputSchema: [
    { name: 'collection', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
  ],
  outputSchema: [{ name: 'result', type: 'text' }],
  // Meilisearch may be down for a while: keep trying, further apart each time.
  retries: { attempts: 20, backoff: { type: 'exponential', delay: 5_000 } },
  handler: async ({ input, req }) => ({ output: { result: await syncItem(req.payload, input.collection, input.id) } }),
}

/** Queues the item's sync in the save's own transaction: a save never waits for or fails on Meilisearch. */
export const queueSearchSync: CollectionAfterChangeHook = async ({ doc, req, collection }) => {
  await req.payload.jobs.queue({ task: 'syncSearch', queue: SEARCH_QUEUE, input: { collection: collection.slug, id: String(doc.id) }, req })
  return doc
}

export const queueSearchRemoval: CollectionAfterDeleteHook = async ({ id, req, collection }) => {
  await req.payload.jobs.queue({ task: 'syncSearch', queue: SEARCH_QUEUE, input: { collection: collection.slug, id: String(id) }, req })
}

const REVIVE_EVERY_MS = 10_000
let lastRevive = 0

/**
 * After a Meilisearch outage: once it answers again, failed syncs still waiting out their backoff
 * run at the next queue tick instead of minutes or hours later. Cheap when nothing waits (one
 * count), at most every 10 seconds, and never throws (it runs before the queue does).
 */
export const reviveSearchSyncs = async (payload: Payload, options: { force?: boolean } = {}): Promise<number> => {
  if (!options.force && Date.now() - lastRevive < REVIVE_EVERY_MS) return 0
  lastRevive = Date.now()
  try {
    const pool = poolOf(payload)
    if (!(await waitingSyncs(pool, SEARCH_QUEUE))) return 0
    const health = await searchClient()
      .health()
      .catch(() => null)
    if (health?.status !== 'available') return 0
    const revived = await reviveWaitingSyncs(pool, SEARCH_QUEUE)
    if (revived) payload.logger.info(`搜索引擎已恢复：${revived} 个待同步的内容立即重试`)
    return revived
  } catch (error) {
    payload.logger.warn({ err: error, msg: '检查待同步的搜索任务失败，稍后再试' })
    return 0
  }
}

/** 夜间对账: compare the database with the index and repair differences (scheduled nightly). */
export const reconcileSearchTask: TaskConfig<{ input: { period?: string }; output: { upserted: number; deleted: number } }> = {
  slug: 'reconcileSearch',
  label: '搜索索引对账',
  outputSchema: [
    { name: 'upserted', type: 'number' },
    { name: 'deleted', type: 'number' },
  ],
  retries: 3,
  inputSchema: [{ name: 'period', type: 'text' }], // queued nightly by src/jobs/scheduler.ts
  handler: async ({ req }) => {
    const { reconcileIndex } = await import('./reindex')
    return { output: await reconcileIndex(req.payload) }
  },
}
