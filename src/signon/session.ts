import { randomBytes } from 'crypto'
import type { PayloadRequest, Where } from 'payload'
import { getFieldsToSign, jwtSign } from 'payload'
import { addSessionToUser } from 'payload/shared'

import { recordAudit, recordAuditDetached } from '../audit/record'
import { usesSecondFactor } from '../auth/totp'
import { poolOf } from '../db/pool'
import { transact } from '../db/transaction'
import type { User } from '../payload-types'
import { deleteUserSession } from './queries'
import { decide, type Identity, METHOD_LABELS, type SignOnMethod } from './rules'
import type { SignOnSettings } from './settings'

/** Context flag: the login hooks (audit) name the way the person signed in. */
export const SIGNON_METHOD = 'signOnMethod'

export type SignOnOutcome = { ok: true; token: string; userId: number } | { ok: false; status: number; message: string }

/**
 * Makes the session a password login makes, for a person the campus has identified: the same
 * session row (30 minutes idle, 12 hours at most, revocable), the same token, and the same login
 * hooks (audit, login point, concurrent-session limit). Refusals are audited too. One transaction.
 */
/** What ties a platform session to the campus's: the CAS ticket, or the OIDC subject and provider session. */
export type CampusLink = { ticket?: string; subject?: string; providerSession?: string }

export const signIn = async (
  req: PayloadRequest,
  method: SignOnMethod,
  identity: Identity,
  settings: SignOnSettings,
  link: CampusLink = {},
): Promise<SignOnOutcome> => {
  const { payload } = req
  const users = payload.collections.users.config
  const label = METHOD_LABELS[method]
  const outcome = await transact(req, async () => {
    let person = await payload.db.findOne<User>({ collection: 'users', where: { staffNumber: { equals: identity.number } }, req })
    const decision = decide(person, {
      allowCreate: settings.allowCreate,
      help: settings.help,
      secondFactorRequired: person ? await usesSecondFactor(payload, person, req) : false,
    })
    // Refused: nothing written, and the refusal audited on its own after the transaction.
    if (decision.kind === 'refuse') return { ok: false as const, refused: decision, person }
    if (decision.kind === 'create') {
      // A 群众 account for someone the campus knows: no organisation yet (the branch adds them), and
      // a random password nobody knows, so it signs in through the campus only.
      const created = await payload.create({
        collection: 'users',
        data: {
          name: identity.name ?? identity.number,
          staffNumber: identity.number,
          email: identity.email ?? `${identity.number.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}@signon.invalid`,
          politicalStage: 'masses',
          roles: ['member'],
          password: `${randomBytes(24).toString('base64url')}aA1!`,
        },
        req,
      })
      await recordAudit(
        req,
        {
          action: 'create',
          collection: 'users',
          documentId: created.id,
          summary: `统一身份认证（${label}）首次登录，开通群众账号：${created.name}`,
        },
        { ...created, collection: 'users' },
      )
      person = await payload.db.findOne<User>({ collection: 'users', where: { id: { equals: created.id } }, req })
    }
    if (!person) throw new Error('统一身份认证：刚开通的账号读不到')
    // The database adapter returns the row without the collection Payload's user objects carry.
    const user: User = { ...person, collection: 'users' }
    const { sid } = await addSessionToUser({ collectionConfig: users, payload, req, user })
    const fieldsToSign = getFieldsToSign({ collectionConfig: users, email: user.email, sid, user })
    const { token } = await jwtSign({ fieldsToSign, secret: payload.secret, tokenExpiration: users.auth.tokenExpiration })
    // As Payload's local strategy sets it (the audit and session hooks read _strategy).
    const signedIn = { ...user, _strategy: 'local-jwt' }
    req.user = signedIn
    req.context[SIGNON_METHOD] = label
    for (const hook of users.hooks.afterLogin ?? []) await hook({ collection: users, context: req.context, req, token, user })
    await payload.create({ collection: 'signon-sessions', data: { user: user.id, sid: sid as string, method, ...link }, req })
    return { ok: true as const, token, userId: user.id }
  })
  if (!outcome.ok) {
    const { refused: decision, person } = outcome
    const why = { unknown: '平台中无此工号/学号', disabled: '账号已停用', secondFactor: '该账号须用密码和动态口令登录' }[decision.reason]
    await recordAuditDetached(
      payload,
      {
        action: 'loginFailed',
        result: 'denied',
        collection: 'users',
        documentId: person?.id,
        summary: `统一身份认证（${label}）登录被拒绝：${why}（${identity.number}）`,
      },
      person ? { ...person, collection: 'users' } : null,
      req,
    )
    return { ok: false, status: decision.status, message: decision.message }
  }
  return outcome
}

/**
 * Single logout: the campus says the sessions it opened are over — CAS names the service ticket,
 * an OIDC back-channel logout the provider's session (`sid`) or the subject (all their sessions).
 * Those session rows are deleted (their tokens stop working on the next request, the heartbeat fast
 * path too), each audited. Unknown ones change nothing: the campus may name a session that already
 * ended. Returns how many were ended.
 */
export const endCampusSessions = async (req: PayloadRequest, method: SignOnMethod, link: CampusLink): Promise<number> => {
  const { payload } = req
  const where: Where[] = [{ method: { equals: method } }]
  if (link.ticket) where.push({ ticket: { equals: link.ticket } })
  else if (link.providerSession) where.push({ providerSession: { equals: link.providerSession } })
  else if (link.subject) where.push({ subject: { equals: link.subject } })
  else return 0
  if (link.providerSession && link.subject) where.push({ subject: { equals: link.subject } })
  const found = await payload.find({ collection: 'signon-sessions', where: { and: where }, depth: 0, limit: 100, pagination: false })
  let ended = 0
  for (const row of found.docs) {
    const userId = typeof row.user === 'object' && row.user ? row.user.id : row.user
    await payload.delete({ collection: 'signon-sessions', id: row.id })
    if (userId == null) continue
    const person = await payload.db.findOne<User>({ collection: 'users', where: { id: { equals: userId } } })
    const wasOpen = await deleteUserSession(poolOf(payload), userId, row.sid)
    ended++
    await recordAuditDetached(
      payload,
      {
        action: 'logout',
        collection: 'users',
        documentId: userId,
        summary: `统一身份认证（${METHOD_LABELS[method]}）单点退出：${person?.name ?? userId}${wasOpen ? '' : '（会话已先行结束）'}`,
      },
      person ? { ...person, collection: 'users' } : null,
      req,
    )
  }
  return ended
}
