import type { Pool } from 'pg'

/**
 * A pool client for a hand-written transaction. Such transactions call Payload's reads (which take
 * another connection from the same pool) while they hold theirs: with every connection held by one
 * of them, each waits for a connection that never comes and the pool deadlocks. So at most half the
 * pool is held by them at once; the rest always serves the reads they wait for.
 */
const gates = new WeakMap<Pool, { free: number; queue: Array<() => void> }>()
export const transactionClient = async (pool: Pool) => {
  let gate = gates.get(pool)
  if (!gate)
    gates.set(
      pool,
      (gate = { free: Math.max(1, Math.floor(((pool as unknown as { options?: { max?: number } }).options?.max ?? 10) / 2)), queue: [] }),
    )
  const g = gate
  if (g.free > 0) g.free--
  else await new Promise<void>((resolve) => g.queue.push(resolve))
  const open = () => {
    const next = g.queue.shift()
    if (next) next()
    else g.free++
  }
  let client
  try {
    client = await pool.connect()
  } catch (e) {
    open()
    throw e
  }
  const release = client.release.bind(client)
  let released = false
  client.release = ((err?: Error | boolean) => {
    if (!released) {
      released = true
      open()
    }
    return release(err)
  }) as typeof client.release
  return client
}
