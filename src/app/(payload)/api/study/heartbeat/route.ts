import config from '@payload-config'
import { getPayload } from 'payload'

import { handleHeartbeat } from '../../../../../study/http'

/**
 * POST /api/study/heartbeat — the player's heartbeat. `npm start` answers it before Next even sees
 * the request (scripts/server.ts); this route serves the same for `next dev` and `next start`.
 */
export async function POST(request: Request) {
  const payload = await getPayload({ config })
  const { status, json, timing } = await handleHeartbeat(payload, request.headers, await request.text())
  return Response.json(json, { status, headers: timing ? { 'Server-Timing': timing } : undefined })
}
