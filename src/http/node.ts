import type { Payload } from 'payload'

import { fastUser } from '../study/auth'
import { asRequest, tokenViewer, viewerOf } from '../viewer'
import { stepTimer, type Timing } from '../timing'
import { answer, type FastRequest, type Reply, type Route } from './route'

/**
 * The app server's dispatcher (scripts/server.ts): the table's `fast` routes answered before Next,
 * through the same checks and handlers as their Payload endpoints (src/http/payload.ts).
 */
export type FastRoutes = ReadonlyMap<string, Route>

export const fastRoutes = (routes: readonly Route[]): FastRoutes =>
  new Map(routes.filter((r) => r.serveFast).map((r) => [`${r.method.toUpperCase()} /api${r.path}`, r]))

/** The route for a request, if the app server answers it itself. */
export const fastRouteOf = (table: FastRoutes, method: string | undefined, path: string | undefined) => table.get(`${method} ${path}`)

/** Serves one fast route: the viewer read from the token (one query, or the token alone for `viewer: 'token'`), then the route. */
export const serveFastRoute = async (
  route: Route,
  payload: Payload,
  headers: Pick<Headers, 'get'>,
  url: string,
  text: () => Promise<string>,
  timing: Timing,
): Promise<Reply> =>
  answer(async () => {
    const step = stepTimer(timing)
    let session: string | null = null
    let viewer
    if (route.viewer === 'token') {
      const token = await fastUser(payload, headers)
      session = token?.sid ?? null
      viewer = token ? tokenViewer(token.id) : null
    } else viewer = await viewerOf(payload, headers)
    step('viewer')
    const req: FastRequest = { ...asRequest(payload, viewer), headers, url }
    return route.serveFast!(req, { text, params: {}, session, timing })
  })
