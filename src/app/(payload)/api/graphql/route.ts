/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* Changed: POST is wrapped so a refused query (depth, complexity, introspection) is a 400 (src/security/graphql.ts). */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withGraphQLStatus } from '../../../../security/graphql'
import { guardedGraphQL } from '../../../../validation/restGuard'

// guardedGraphQL (src/validation/restGuard.ts): a body that is not a JSON object with a query is a 400, not a 500.
export const POST = guardedGraphQL(withGraphQLStatus(GRAPHQL_POST(config)))

export const OPTIONS = REST_OPTIONS(config)
