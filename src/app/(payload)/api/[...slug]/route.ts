/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* Changed: the handlers sit behind src/validation/restGuard.ts (malformed ids, queries and bodies are 4xx before Payload sees them). */
import config from '@payload-config'
import '@payloadcms/next/css'

import { guardedREST } from '../../../../validation/restGuard'

const rest = guardedREST(config)

export const GET = rest.GET
export const POST = rest.POST
export const DELETE = rest.DELETE
export const PATCH = rest.PATCH
export const PUT = rest.PUT
export const OPTIONS = rest.OPTIONS
