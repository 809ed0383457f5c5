import type { Payload } from 'payload'

/** Runs the search queue until it is empty (the app server does this every 5 seconds). */
export const drainSearchQueue = async (payload: Payload) => {
  for (let i = 0; i < 20; i++) {
    const { totalDocs } = await payload.count({
      collection: 'payload-jobs',
      where: { and: [{ queue: { equals: 'search' } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
    })
    if (!totalDocs) return
    await payload.jobs.run({ queue: 'search', limit: 500 })
  }
}
