import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'
import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { stopListening } from './notify'
import { replicaPools } from './replicas'

/**
 * Applies the committed migrations (src/migrations/index.ts, kept by `payload migrate:create`).
 * Passing them explicitly works in every runner (tsx, vitest), unlike reading the folder.
 */
export const applyMigrations = async (payload: Payload) => {
  // Payload types a migration's argument as unknown; its Postgres adapter passes these.
  const runnable: Migration[] = migrations.map(({ name, up, down }) => ({
    name,
    up: (args) => up(args as MigrateUpArgs),
    down: (args) => down(args as MigrateDownArgs),
  }))
  await payload.db.migrate({ migrations: runnable })
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
