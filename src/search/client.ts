import { Meilisearch, MeilisearchApiError } from 'meilisearch'
import { Agent, fetch as undiciFetch } from 'undici'

/**
 * The Meilisearch client, on undici's own fetch with a keep-alive agent. Node's default fetch took
 * tens of milliseconds a round trip to a local Meilisearch here, the agent about two; and inside
 * the Next server the global fetch is Next's patched one, which lost the agent (`npm run
 * bench:search` measured about 45 ms added to every search), so the client never uses it.
 */
let client: Meilisearch | null = null
let hostOverride: string | null = null

export const INDEX_UID = () => process.env.MEILI_INDEX || 'content'

export const searchClient = (): Meilisearch => {
  if (client) return client
  const host = hostOverride ?? process.env.MEILI_HOST
  if (!host) throw new Error('MEILI_HOST 未设置：搜索不可用')
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 })
  client = new Meilisearch({
    host,
    apiKey: process.env.MEILI_MASTER_KEY || undefined,
    // Must answer as the client's own fetch path does: parsed body, API errors thrown.
    httpClient: async (url, init) => {
      const res = await undiciFetch(url as never, { ...(init as object), dispatcher } as never)
      const text = await res.text()
      const body = text === '' ? undefined : JSON.parse(text)
      if (!res.ok) throw new MeilisearchApiError(res as unknown as Response, body)
      return body
    },
    timeout: 5_000,
  })
  return client
}

/** Points the client elsewhere (tests simulate Meilisearch being down with a dead address). */
export const useSearchHost = (host: string | null) => {
  hostOverride = host
  client = null
}

/** Meilisearch's error code (e.g. `document_not_found`) of a failed call, however the client wrapped it. */
export const meiliErrorCode = (error: unknown): string | undefined => {
  for (let e = error as { cause?: unknown; code?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const cause = e.cause as { code?: unknown } | undefined
    if (cause && typeof cause.code === 'string' && !(cause instanceof Error)) return cause.code
  }
  return undefined
}
