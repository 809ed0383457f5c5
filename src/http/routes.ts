import { remindRoute } from '../branch/remind'
import { cockpitRoutes } from '../cockpit/endpoints'
import { developmentRoutes } from '../development/endpoints'
import { meetingRoutes } from '../meetings/endpoints'
import { drawRoute } from '../meetings/inspection'
import { credentialRoutes } from '../auth/credentials'
import { totpRoutes } from '../auth/totp'
import { deletionRequestRoutes, personalDataRoute } from '../privacy/endpoints'
import { quizRoutes } from '../quiz/endpoints'
import { recommendationsRoute, searchRoute } from '../search/http'
import { signOnRoutes } from '../signon/endpoints'
import { heartbeatRoute } from '../study/http'
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
  ...developmentRoutes,
  ...meetingRoutes,
  drawRoute,
  remindRoute,
  ...totpRoutes,
  ...credentialRoutes,
  ...signOnRoutes,
  ...deletionRequestRoutes,
  personalDataRoute,
]
