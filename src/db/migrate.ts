import type { Payload } from 'payload'

import { migrations } from '../migrations'
import { stopListening } from './notify'
import { replicaPools } from './replicas'

/**
 * Applies the committed migrations (src/migrations/index.ts, kept by `payload migrate:create`).
 * Passing them explicitly works in every runner (tsx, vitest), unlike reading the folder.
 */
export const applyMigrations = async (payload: Payload) => {
  await payload.db.migrate({ migrations: migrations as never })
}

/**
 * Payload's destroy() leaves the Postgres pool open; a pool whose server then stops emits an
 * unhandled error. Scripts and tests close both.
 */
export const closePayload = async (payload: Payload) => {
  // The change-notice connection (src/db/notify.ts) is its own: it would keep the process alive.
  await stopListening()
  const pool = (payload.db as unknown as { pool?: { end: () => Promise<void>; ended?: boolean } }).pool
  const replicas = replicaPools(payload)
  await payload.destroy()
  // end() waits for checked-out clients; do not let one that is never released hang the caller.
  for (const p of [pool, ...replicas]) {
    if (p && !p.ended) await Promise.race([p.end().catch(() => {}), new Promise((r) => setTimeout(r, 3000).unref())])
  }
}
