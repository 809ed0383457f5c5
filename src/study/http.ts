import type { Payload } from 'payload'

import { clientIp } from '../audit/record'
import { consume, RateLimitError } from '../auth/rateLimit'
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/unavailable'
import { parseJsonObject } from '../validation/input'
import { fastUser } from './auth'
import { heartbeat, StudyError } from './service'

/**
 * The heartbeat request, independent of the web framework: the Next route and the app server's
 * fast path (scripts/server.ts) both answer through this.
 */
export const handleHeartbeat = async (
  payload: Payload,
  headers: Pick<Headers, 'get'>,
  body: string,
): Promise<{ status: number; json: unknown; timing?: string }> => {
  const error = (status: number, message: string) => ({ status, json: { errors: [{ message }] } })
  // Where a beat's time goes, as a Server-Timing header (browser dev tools; `npm run bench:ingest` sums it).
  const t0 = performance.now()
  const member = await fastUser(payload, headers)
  if (!member) return error(401, '请先登录')
  const t1 = performance.now()
  try {
    await consume('heartbeat', { account: member.id, address: clientIp({ headers }) })
  } catch (e) {
    if (e instanceof RateLimitError) return error(429, e.message)
    throw e
  }
  const t2 = performance.now()
  // A JSON object declared as such (src/validation/input.ts); its fields are checked by parseBeat.
  const parsed = parseJsonObject(body, headers.get('content-type'))
  if (!parsed.ok) return error(parsed.status, parsed.message)
  try {
    const marks: { checked?: number } = {}
    const r = await heartbeat(payload, member, parsed.value, undefined, marks)
    const t3 = performance.now()
    const checked = marks.checked ?? t2
    return {
      status: 200,
      json: {
        secondsCredited: r.secondsCredited,
        credited: r.credited,
        percent: r.percent,
        completed: r.completed,
        hoursCredited: r.hoursCredited,
        position: r.position,
      },
      timing: `auth;dur=${(t1 - t0).toFixed(2)}, limit;dur=${(t2 - t1).toFixed(2)}, check;dur=${(checked - t2).toFixed(2)}, credit;dur=${(t3 - checked).toFixed(2)}`,
    }
  } catch (e) {
    if (e instanceof StudyError) return error(e.status, e.message)
    // Not acknowledged, so the player keeps the beat and sends it again (its beatId makes that safe).
    if (isDatabaseUnavailable(e)) return error(503, DATABASE_UNAVAILABLE_MESSAGE)
    throw e
  }
}
