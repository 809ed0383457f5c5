import { createHmac, timingSafeEqual } from 'node:crypto'

import type { Refusal } from './rules'

/**
 * The rotating sign-in code shown at a meeting (issue 16 §2): `<meeting>.<issued second>.<mac>`, an
 * HMAC over both with a key derived from PAYLOAD_SECRET. The screen asks for a fresh code every
 * ROTATE_SECONDS; each is accepted for `validMinutes` after it was issued, so a photo of the screen
 * sent to someone elsewhere stops working within minutes. Nothing is stored per code: one sign-in per
 * member is the attendance table's unique (meeting, member). Pure given the secret and the clock.
 */
export const ROTATE_SECONDS = 30
/** Sign-in opens this long before the start (people arrive early) and closes at the meeting's end. */
export const OPENS_BEFORE_MINUTES = 30

const mac = (secret: string, body: string) =>
  createHmac('sha256', `meeting-sign-in:${secret}`).update(body).digest('base64url').slice(0, 22)

export const makeCode = (secret: string, meetingId: number, now: Date) => {
  const body = `${meetingId}.${Math.floor(now.getTime() / 1000)}`
  return `${body}.${mac(secret, body)}`
}

/** The meeting a code names and when it was issued, or why it is refused. */
export const readCode = (
  secret: string,
  code: unknown,
  now: Date,
  validMinutes: number,
): { meetingId: number; issuedAt: Date } | Refusal => {
  const bad: Refusal = { status: 400, field: 'code', message: '签到码无效：请扫描会场屏幕上的签到二维码' }
  if (typeof code !== 'string' || code.length > 100) return bad
  const m = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code.trim())
  if (!m) return bad
  const expected = Buffer.from(mac(secret, `${m[1]}.${m[2]}`))
  const given = Buffer.from(m[3])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return bad
  const issuedAt = new Date(Number(m[2]) * 1000)
  // A little slack for a clock a few seconds ahead on the screen's side is not needed: both ends are this server.
  if (issuedAt.getTime() > now.getTime() + 5_000) return bad
  if (now.getTime() - issuedAt.getTime() > validMinutes * 60_000)
    return { status: 400, field: 'code', message: `签到码已过期（每个签到码 ${validMinutes} 分钟内有效）：请扫描会场屏幕上的最新签到码` }
  return { meetingId: Number(m[1]), issuedAt }
}

/** Whether sign-in is open for a meeting at `now`, and if not, why. */
export const signInWindow = (meeting: { startsAt: Date; endsAt: Date }, now: Date): Refusal | null => {
  if (now.getTime() < meeting.startsAt.getTime() - OPENS_BEFORE_MINUTES * 60_000)
    return { status: 400, message: `签到在会议开始前 ${OPENS_BEFORE_MINUTES} 分钟开放，请稍后再扫码` }
  if (now.getTime() > meeting.endsAt.getTime())
    return { status: 400, message: '会议已结束，不能再扫码签到；如确实参会，请联系会议记录人补记' }
  return null
}
