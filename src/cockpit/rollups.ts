import type { Payload } from 'payload'

import { transact } from '../db/transaction'
import { lockRollupSources, rebuildRollupTables } from './queries'

/** The nightly repair: rebuilds the rollups in one transaction (readers see the old or the new, never half). */
export const rebuildRollups = async (payload: Payload) =>
  transact(payload, async (tx) => {
    // Writers wait for the rebuild rather than add to rows being replaced.
    await lockRollupSources(tx)
    await rebuildRollupTables(tx)
  })
