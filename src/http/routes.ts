import { auditExportRoute } from '../audit/export'
import { credentialRoutes } from '../auth/credentials'
import { totpRoutes } from '../auth/totp'
import { remindRoute } from '../branch/remind'
import { cockpitRoutes } from '../cockpit/endpoints'
import { developmentRoutes } from '../development/endpoints'
import { healthRoutes } from '../health/endpoints'
import { importRoutes } from '../import/endpoints'
import { meetingRoutes } from '../meetings/endpoints'
import { drawRoute } from '../meetings/inspection'
import { deletionRequestRoutes, personalDataRoute } from '../privacy/endpoints'
import { quizRoutes } from '../quiz/endpoints'
import { recommendationsRoute, searchRoute } from '../search/http'
import { signOnRoutes } from '../signon/endpoints'
import { heartbeatRoute } from '../study/http'
import { REVIEWED_COLLECTIONS } from '../workflow/config'
import { reviewRoutes } from '../workflow/endpoint'
import type { Route } from './route'
import { testClockRoutes } from './testClock'

/**
 * The route table: every HTTP endpoint of the platform beside Payload's own REST, GraphQL and jobs
 * endpoints, each with who may call it, its rate limit and its input (src/http/route.ts). Payload
 * serves them as endpoints (root ones in payload.config.ts, a collection's under /api/<slug>:
 * src/http/payload.ts), and the app server answers the `fast` ones itself (src/http/node.ts).
 * A new module adds its routes here.
 */
export const routes: readonly Route[] = [
  // The player, search and the test clock: fast routes, answered by the app server before Next.
  heartbeatRoute,
  searchRoute,
  recommendationsRoute,
  ...testClockRoutes,
  // Learning and the cockpit (its main view is fast too).
  ...cockpitRoutes,
  ...quizRoutes,
  ...REVIEWED_COLLECTIONS.flatMap(reviewRoutes),
  // Organisation life and member development.
  ...meetingRoutes,
  drawRoute,
  remindRoute,
  ...developmentRoutes,
  // Accounts, sign-on and personal data.
  ...credentialRoutes,
  ...totpRoutes,
  ...signOnRoutes,
  ...deletionRequestRoutes,
  personalDataRoute,
  // Administration.
  ...importRoutes,
  auditExportRoute,
  ...healthRoutes,
]
