import { HttpError } from '../http/errors'
import { defineRoute } from '../http/route'
import { parseJsonObject } from '../validation/input'
import { heartbeat } from './service'

/**
 * POST /api/study/heartbeat — the player's beat, every 20 seconds while a member studies. The app
 * server answers it before Next (`fast`) from the token alone (`viewer: 'token'`): whether the
 * session is still open and the account active is checked with the beat itself, in the database
 * (study_credit_beats), so logout and disabling take effect on the next beat.
 */
export const heartbeatRoute = defineRoute({
  method: 'post',
  path: '/study/heartbeat',
  callers: 'signedIn',
  fast: true,
  viewer: 'token',
  rateLimit: 'heartbeat',
  handler: async (req, { text, session, timing }) => {
    // A JSON object declared as such (src/validation/input.ts); its fields are checked by parseBeat.
    const parsed = parseJsonObject(await text(), req.headers.get('content-type'))
    if (!parsed.ok) throw new HttpError(parsed.status, parsed.message)
    const t0 = performance.now()
    const marks: { checked?: number } = {}
    const r = await heartbeat(req.payload, { id: Number(req.user!.id), organizationId: null, sid: session }, parsed.value, undefined, marks)
    const checked = marks.checked ?? t0
    timing.push(['check', checked - t0], ['credit', performance.now() - checked])
    return {
      json: {
        secondsCredited: r.secondsCredited,
        credited: r.credited,
        percent: r.percent,
        completed: r.completed,
        hoursCredited: r.hoursCredited,
        position: r.position,
      },
    }
  },
})
