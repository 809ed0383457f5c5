import type { Payload } from 'payload'

import { poolOf } from '../../src/db/pool'

/**
 * Runs the search queue until it is empty (the app server does this every 5 seconds). Syncs that
 * failed earlier (a slow machine can time one out) are woken from their backoff first, so a test
 * always starts from an index that holds everything saved so far.
 */
export const drainSearchQueue = async (payload: Payload) => {
  for (let i = 0; i < 30; i++) {
    await poolOf(payload).query(
      `UPDATE payload_jobs SET wait_until = NULL WHERE queue = 'search' AND completed_at IS NULL AND has_error IS NOT TRUE AND processing IS NOT TRUE AND wait_until > now()`,
    )
    const { totalDocs } = await payload.count({
      collection: 'payload-jobs',
      where: {
        and: [
          { queue: { equals: 'search' } },
          { completedAt: { exists: false } },
          { hasError: { not_equals: true } },
          { processing: { not_equals: true } },
        ],
      },
    })
    if (!totalDocs) return
    await payload.jobs.run({ queue: 'search', limit: 500 })
  }
  throw new Error('搜索同步队列没有排空：仍有同步任务失败')
}
