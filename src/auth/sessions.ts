import type { CollectionAfterLoginHook, CollectionRefreshHook, Payload, PayloadRequest } from 'payload'
import { APIError, getFieldsToSign, jwtSign } from 'payload'

import { inRequest } from '../db/transaction'
import { deleteAllSessions, deleteSessionsBeyond } from './queries'

/**
 * Session lifetime (等保 2.0 level 3: 登录连接超时自动退出): a token lives 30 minutes and is renewed
 * only by activity (the admin and the member site refresh it while the person works), so 30 idle
 * minutes end the session; no session outlives 12 hours from its login, however active.
 */
export const IDLE_SECONDS = 30 * 60
export const ABSOLUTE_SECONDS = 12 * 60 * 60

type Session = { id: string; createdAt: string | Date; expiresAt: string | Date }

/** Refresh with the absolute cap: the new token never outlives the session's twelfth hour. */
export const capSessionLifetime: CollectionRefreshHook = async ({ args, user }) => {
  const req = args.req
  const sid = (req.user as { _sid?: string } | null)?._sid
  const session = ((user as { sessions?: Session[] }).sessions ?? []).find((s) => s.id === sid)
  if (!session) throw new APIError('会话已失效，请重新登录', 401, undefined, true)
  const ends = new Date(session.createdAt).getTime() + ABSOLUTE_SECONDS * 1000
  const left = Math.floor((ends - Date.now()) / 1000)
  if (left <= 0) throw new APIError('登录已超过 12 小时，请重新登录', 401, undefined, true)
  const collection = req.payload.collections.users.config
  const fieldsToSign = getFieldsToSign({ collectionConfig: collection, email: user.email as string, sid, user: req.user })
  const { exp, token } = await jwtSign({ fieldsToSign, secret: req.payload.secret, tokenExpiration: Math.min(IDLE_SECONDS, left) })
  return { exp, refreshedToken: token, setCookie: true, strategy: (req.user as { _strategy?: string })._strategy, user }
}

/** Ends every session of a person at once (disabled account, deletion), in the request's transaction. */
export const revokeAllSessions = (payload: Payload, userId: number | string, req?: PayloadRequest) =>
  deleteAllSessions(inRequest(req ?? payload), Number(userId))

/** Default of 安全设置 → 每个账号同时在线的会话数. */
export const DEFAULT_MAX_SESSIONS = 5

/**
 * Concurrent sessions per account (安全设置 → maxSessionsPerAccount, default 5): after a login has
 * added its session, the oldest beyond the limit are deleted, in the login's transaction, so those
 * tokens stop working at once (every request checks the session row, the heartbeat fast path too).
 * The new session is always kept.
 */
export const limitConcurrentSessions: CollectionAfterLoginHook = async ({ req, user }) => {
  const settings = (await req.payload.findGlobal({ slug: 'security-settings', depth: 0, req }).catch(() => null)) as {
    maxSessionsPerAccount?: number | null
  } | null
  const limit = Math.max(1, Math.floor(Number(settings?.maxSessionsPerAccount) || DEFAULT_MAX_SESSIONS))
  const deleted = await deleteSessionsBeyond(inRequest(req), Number(user.id), limit)
  if (deleted.length) {
    const dropped = new Set(deleted)
    const sessions = (user as { sessions?: Session[] }).sessions
    if (Array.isArray(sessions)) (user as { sessions?: Session[] }).sessions = sessions.filter((s) => !dropped.has(String(s.id)))
  }
  return user
}
