import type { Endpoint } from 'payload'

import { recommendationsReply, searchReply } from './http'

const respond = ({ status, json }: { status: number; json: unknown }) =>
  Response.json(json, { status, headers: { 'Cache-Control': 'no-store' } })

/** GET /api/search?q=&collection=&theme=&page= — results limited to what the reader may read. */
export const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => respond(await searchReply(req, new URL(req.url ?? 'http://x'))),
}

/** GET /api/recommendations?limit= — the signed-in member's next items with reasons. */
export const recommendationsEndpoint: Endpoint = {
  path: '/recommendations',
  method: 'get',
  handler: async (req) => respond(await recommendationsReply(req, new URL(req.url ?? 'http://x'))),
}
