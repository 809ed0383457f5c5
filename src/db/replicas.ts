import type { Payload } from 'payload'
import type { Pool } from 'pg'

/**
 * DATABASE_READ_URLS: PostgreSQL streaming replicas for reads, comma-separated, handed to
 * @payloadcms/db-postgres's `readReplicas`. What goes where (checked in @payloadcms/drizzle 3.90 and
 * drizzle-orm's withReplicas): Payload's reads outside a transaction go to a random replica;
 * writes, transactions (and every read inside one, on the transaction's own connection) and raw
 * `execute` go to the primary; so do reads for 2 s after this process's last write through Payload
 * (readReplicasAfterWriteInterval). The project's raw SQL (poolOf, executeInRequest) always uses the
 * primary pool. A write on one instance followed by a read on another can still see a lagging replica.
 */
export const readReplicaUrls = (value: string | undefined): string[] | undefined => {
  const urls = (value ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error(`DATABASE_READ_URLS 中的地址须以 postgres:// 开头：${url.replace(/:[^:@/]*@/, ':***@')}`)
  }
  return urls.length ? urls : undefined
}

/** The replicas' pools, which the adapter makes itself: guarded like the primary's, closed with it. */
export const replicaPools = (payload: Payload): Pool[] => {
  const drizzle = (payload.db as unknown as { drizzle?: { $replicas?: Array<{ $client?: Pool }> } }).drizzle
  return (drizzle?.$replicas ?? []).map((r) => r.$client).filter((p): p is Pool => p != null)
}
