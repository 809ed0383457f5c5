import { Meilisearch } from 'meilisearch'
import { Agent } from 'undici'

/**
 * The Meilisearch client, with a keep-alive undici agent: Node's default fetch took tens of
 * milliseconds a round trip to a local Meilisearch here, the agent about two.
 */
let client: Meilisearch | null = null
let hostOverride: string | null = null

export const INDEX_UID = () => process.env.MEILI_INDEX || 'content'

export const searchClient = (): Meilisearch => {
  if (client) return client
  const host = hostOverride ?? process.env.MEILI_HOST
  if (!host) throw new Error('MEILI_HOST 未设置：搜索不可用')
  client = new Meilisearch({
    host,
    apiKey: process.env.MEILI_MASTER_KEY || undefined,
    requestInit: { dispatcher: new Agent({ keepAliveTimeout: 30_000, connections: 64 }) } as RequestInit,
    timeout: 5_000,
  })
  return client
}

/** Points the client elsewhere (tests simulate Meilisearch being down with a dead address). */
export const useSearchHost = (host: string | null) => {
  hostOverride = host
  client = null
}
