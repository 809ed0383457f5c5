import type { Payload } from 'payload'

import { fastUser } from './auth'
import { heartbeat, StudyError } from './service'

/**
 * The heartbeat request, independent of the web framework: the Next route and the app server's
 * fast path (scripts/server.ts) both answer through this.
 */
export const handleHeartbeat = async (payload: Payload, headers: Headers, body: string): Promise<{ status: number; json: unknown }> => {
  const error = (status: number, message: string) => ({ status, json: { errors: [{ message }] } })
  const member = await fastUser(payload, headers)
  if (!member) return error(401, '请先登录')
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return error(400, '请求内容必须是 JSON')
  }
  try {
    const r = await heartbeat(payload, member, parsed)
    return {
      status: 200,
      json: { secondsCredited: r.secondsCredited, credited: r.credited, percent: r.percent, completed: r.completed, hoursCredited: r.hoursCredited, position: r.position },
    }
  } catch (e) {
    if (e instanceof StudyError) return error(e.status, e.message)
    throw e
  }
}
