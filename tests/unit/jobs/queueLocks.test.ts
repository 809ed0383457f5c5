import { describe, expect, it } from 'vitest'

import { queuesToLock } from '../../../src/jobs/exclusive'

describe('queuesToLock (src/jobs/exclusive.ts)', () => {
  it('locks the queue a run names, or default', () => {
    expect(queuesToLock({ queue: 'search' }, ['default', 'search'])).toEqual(['search'])
    expect(queuesToLock(undefined, ['search'])).toEqual(['default'])
    expect(queuesToLock({ queue: '' }, [])).toEqual(['default'])
  })

  it('an all-queues run locks every known queue once, in one order (no two runners lock in opposite orders)', () => {
    expect(queuesToLock({ allQueues: true }, ['search', 'default', 'search'])).toEqual(['default', 'search'])
    expect(queuesToLock({ allQueues: true, queue: 'search' }, [])).toEqual(['default'])
  })
})
