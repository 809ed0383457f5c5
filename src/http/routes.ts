import { auditExportRoute } from '../audit/export'
import { cockpitRoutes } from '../cockpit/endpoints'
import { healthRoutes } from '../health/endpoints'
import { importRoutes } from '../import/endpoints'
import { quizRoutes } from '../quiz/endpoints'
import { recommendationsRoute, searchRoute } from '../search/http'
import { heartbeatRoute } from '../study/http'
import { REVIEWED_COLLECTIONS } from '../workflow/config'
import { reviewRoutes } from '../workflow/endpoint'
import type { Route } from './route'
import { testClockRoutes } from './testClock'

/**
 * The route table: every HTTP endpoint of the platform beside Payload's own REST and GraphQL, each
 * with who may call it, its rate limit and its input (src/http/route.ts). Payload serves them as
 * endpoints (root ones here, a collection's under /api/<slug>: src/http/payload.ts), and the app
 * server answers the `fast` ones itself (src/http/node.ts). A new module adds its routes here.
 */
export const routes: readonly Route[] = [
  heartbeatRoute,
  searchRoute,
  recommendationsRoute,
  ...cockpitRoutes,
  ...quizRoutes,
  ...testClockRoutes,
  ...healthRoutes,
  ...importRoutes,
  auditExportRoute,
  // Every reviewed content kind's review and sensitive-word check, on its collection.
  ...REVIEWED_COLLECTIONS.flatMap(reviewRoutes),
]
