import type { CollectionConfig, Endpoint, PayloadRequest } from 'payload'

import type { Timing } from '../timing'
import { answer, toResponse, type Route } from './route'

/** Payload's session id on its user (set by its JWT strategy), for routes that end with the session. */
const sessionOf = (user: PayloadRequest['user']): string | null =>
  user && '_sid' in user && typeof user._sid === 'string' ? user._sid : null

const textParams = (params: PayloadRequest['routeParams']) =>
  Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]))

/** A route as a Payload endpoint: the path below its collection's (or the API root), refusals in the one error shape. */
export const toEndpoint = (route: Route): Endpoint => {
  const base = route.collection ? `/${route.collection}` : ''
  if (!route.path.startsWith(`${base}/`)) throw new Error(`路由 ${route.path} 不在 ${base}/ 之下`)
  return {
    method: route.method,
    path: route.path.slice(base.length),
    ...(route.acceptsForm ? { custom: { acceptsForm: true } } : {}),
    handler: async (req) => {
      const timing: Timing = []
      let text: Promise<string> | undefined
      const call = {
        text: () => (text ??= req.text?.() ?? Promise.resolve('')),
        params: textParams(req.routeParams),
        session: sessionOf(req.user),
        timing,
      }
      return toResponse(await answer(() => route.serve(req, call)), timing)
    },
  }
}

/** The endpoints the config's root serves (`/api/...`): the table's routes of no collection. */
export const rootEndpoints = (routes: readonly Route[]): Endpoint[] => routes.filter((r) => !r.collection).map(toEndpoint)

/**
 * Each collection with the table's routes for it added to its endpoints (keyed by slug, like the
 * other cross-cutting features), so a collection file does not import its HTTP handlers.
 */
export const withRoutes = (collections: CollectionConfig[], routes: readonly Route[]): CollectionConfig[] =>
  collections.map((collection) => {
    const mine = routes.filter((r) => r.collection === collection.slug)
    if (!mine.length) return collection
    return { ...collection, endpoints: [...(collection.endpoints || []), ...mine.map(toEndpoint)] }
  })
