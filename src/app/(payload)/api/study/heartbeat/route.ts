import config from '@payload-config'
import { getPayload } from 'payload'

import { fastUser } from '../../../../../study/auth'
import { heartbeat, poolOf, StudyError } from '../../../../../study/service'

const error = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })

/**
 * POST /api/study/heartbeat — the player's heartbeat. A route of its own, beside Payload's REST
 * handler, because it must take thousands of beats a second (see `npm run bench:ingest`).
 */
export async function POST(request: Request) {
  const payload = await getPayload({ config })
  const member = await fastUser(payload, poolOf(payload), request.headers)
  if (!member) return error(401, '请先登录')
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return error(400, '请求内容必须是 JSON')
  }
  try {
    const r = await heartbeat(payload, member, body)
    return Response.json({
      secondsCredited: r.secondsCredited,
      credited: r.credited,
      percent: r.percent,
      completed: r.completed,
      hoursCredited: r.hoursCredited,
      position: r.position,
    })
  } catch (e) {
    if (e instanceof StudyError) return error(e.status, e.message)
    throw e
  }
}
