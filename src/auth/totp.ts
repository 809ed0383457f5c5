import { createHmac } from 'crypto'
import type { CollectionBeforeLoginHook, CollectionBeforeOperationHook, Payload, PayloadRequest } from 'payload'
import { APIError, AuthenticationError, incrementLoginAttempts } from 'payload'
import * as OTPAuth from 'otpauth'

import type { User } from '../payload-types'
import { hasRole, SEPARATED_ADMIN_ROLES, STAFF_ROLES } from '../access/roles'
import { recordAudit } from '../audit/record'
import { PRODUCT_NAME } from '../brand'
import { poolOf } from '../db/pool'
import { inRequest } from '../db/transaction'
import { decrypt, encrypt } from '../privacy/crypto'
import { HttpError } from '../http/errors'
import { defineRoute } from '../http/route'
import { SETTING_PASSWORD } from './hooks'
import { claimTotpStep, disableTotp, enableTotp, lastTotpStep } from './queries'

/**
 * Second factor (等保 2.0 level 3: 双因素身份鉴别) by time-based one-time passwords (RFC 6238,
 * any authenticator app). Optional for staff, required for sysAdmin, securityAdmin and auditor when
 * 安全设置 says so. The secret offered for enrolment is derived from the server secret, the account
 * and its password salt, so it needs no storage until the first valid code binds it (then it is
 * stored encrypted); it changes when the password does.
 */
type TotpUser = {
  id: number | string
  email?: string | null
  salt?: string | null
  totpEnabled?: boolean | null
  totpSecret?: string | null
  roles?: readonly string[] | null
}

const totpFor = (secretBase32: string, email?: string | null) =>
  new OTPAuth.TOTP({
    issuer: PRODUCT_NAME,
    label: email ?? '',
    secret: OTPAuth.Secret.fromBase32(secretBase32),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  })

export const enrolmentSecret = (payload: Payload, user: TotpUser) =>
  new OTPAuth.Secret({
    buffer: createHmac('sha256', payload.secret)
      .update(`totp-enrol:${user.id}:${user.salt ?? ''}`)
      .digest()
      .subarray(0, 20).buffer as ArrayBuffer,
  }).base32

const PERIOD_MS = 30_000

/**
 * The 30 s time step a 6-digit code belongs to, accepting its own step and one either side (clock
 * drift), or null when the code is not valid now.
 */
export const codeStep = (secretBase32: string, code: unknown, now = Date.now()): number | null => {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return null
  const delta = totpFor(secretBase32).validate({ token: code, window: 1, timestamp: now })
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta
}

export const codeIsValid = (secretBase32: string, code: unknown) => codeStep(secretBase32, code) !== null

export const currentCode = (secretBase32: string) => totpFor(secretBase32).generate()
/** The code of the step at `timestamp` (tests: the next step's code, still inside the window). */
export const codeAt = (secretBase32: string, timestamp: number) => totpFor(secretBase32).generate({ timestamp })

/**
 * RFC 6238 §5.2: a code is accepted once. Each account keeps the last step it used
 * (`totp_used_steps`, migration 20261203_144403_security_findings); a code of that step or an
 * earlier one is refused. One statement, so two requests racing with the same code cannot both win
 * (the second waits on the row and then finds the step taken). Runs in the request's transaction:
 * a login that fails later gives the step back.
 */
const claimStep = (req: PayloadRequest, userId: number | string, step: number): Promise<boolean> =>
  claimTotpStep(inRequest(req), Number(userId), step)

const lastStep = (payload: Payload, userId: number | string): Promise<number | null> => lastTotpStep(poolOf(payload), Number(userId))

/** A code that is valid now and not used before by this account; the step is claimed. */
const consumeCode = async (req: PayloadRequest, userId: number | string, secret: string, code: unknown): Promise<boolean> => {
  const step = codeStep(secret, code)
  return step !== null && (await claimStep(req, userId, step))
}

const required = async (payload: Payload, user: TotpUser, req?: PayloadRequest) => {
  if (!hasRole(user, ...SEPARATED_ADMIN_ROLES)) return false
  const settings = await payload.findGlobal({ slug: 'security-settings', depth: 0, ...(req ? { req } : {}) }).catch(() => null)
  return Boolean(settings?.requireAdminTotp)
}

const storedSecret = (user: TotpUser) => (user.totpSecret ? decrypt(user.totpSecret) : null)

/** Whether this account signs in with a code: it has bound one, or 安全设置 requires one for its role. On `req`'s transaction when given. */
export const usesSecondFactor = async (payload: Payload, user: TotpUser, req?: PayloadRequest): Promise<boolean> =>
  Boolean(user.totpEnabled) || (await required(payload, user, req))

const bind = async (req: PayloadRequest, user: TotpUser, secret: string) => {
  await enableTotp(inRequest(req), Number(user.id), encrypt(secret))
  await recordAudit(
    req,
    { action: 'totp', collection: 'users', documentId: user.id, summary: '绑定动态口令' },
    { ...user, collection: 'users' },
  )
}

/**
 * Second-factor answers at login carry `secondFactor` on the error itself: src/auth/loginErrors.ts
 * turns it into a top-level field of the response (`secondFactor: 'code' | 'enrol'`, `totpSetup`),
 * which the login page reads. Payload's own `errors[].data` does not reach the browser from the
 * production build (its error formatting tests the class with instanceof), so nothing relies on it.
 */
export type SecondFactorSignal = { secondFactor: 'code' | 'enrol'; totpSetup?: { secret: string; uri: string } }
const secondFactorError = (message: string, status: number, signal: SecondFactorSignal) =>
  Object.assign(new APIError(message, status, { totpRequired: true, ...(signal.totpSetup ? { totpSetup: signal.totpSetup } : {}) }, true), {
    secondFactorSignal: signal,
  })

const WRONG_CODE = '动态口令不正确、已过期或已使用过，请输入验证器中当前的 6 位数字'
const wrongCode = (): never => {
  throw secondFactorError(WRONG_CODE, 401, { secondFactor: 'code' })
}

/**
 * A wrong code counts as a failed login: five lock the account like wrong passwords. Checked before
 * the login's own transaction touches the account (the count is written on its own connection, which
 * would otherwise wait on the login's row locks), and answered like a wrong password.
 */
export const countWrongCodes: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  // Payload's login passes on only email and password; the code is in the request body.
  const data = req.data as { email?: unknown; totp?: unknown } | undefined
  if (typeof data?.email !== 'string' || data.totp === undefined || data.totp === null || data.totp === '') return args
  const user = await req.payload.db.findOne<User>({ collection: 'users', where: { email: { equals: data.email.toLowerCase() } } })
  const secret = user?.totpEnabled ? storedSecret(user) : null
  if (!user || !secret) return args
  const step = codeStep(secret, data.totp)
  // A replayed code (its step already used) counts like a wrong one.
  if (step !== null) {
    const last = await lastStep(req.payload, user.id)
    if (last === null || step > last) return args
  }
  await incrementLoginAttempts({ collection: req.payload.collections.users.config, payload: req.payload, user: user })
  throw new AuthenticationError(req.t)
}

/** At login, after the password: the code when the account has a second factor, or enrolment when it must. */
export const requireSecondFactor: CollectionBeforeLoginHook = async ({ user, req }) => {
  const u = user as TotpUser
  const code = (req.data as { totp?: unknown } | undefined)?.totp
  const secret = u.totpEnabled ? storedSecret(u) : null
  if (secret) {
    if (code === undefined || code === null || code === '') {
      throw secondFactorError('该账号已启用动态口令：请输入验证器中的 6 位数字', 401, { secondFactor: 'code' })
    }
    if (!(await consumeCode(req, u.id, secret, code))) wrongCode()
    return user
  }
  // Setting a password through the emailed link: enrolment waits for the first ordinary login.
  if (req.context?.[SETTING_PASSWORD]) return user
  if (!(await required(req.payload, u))) return user
  const offered = enrolmentSecret(req.payload, u)
  if (code && (await consumeCode(req, u.id, offered, String(code)))) {
    await bind(req, u, offered)
    return user
  }
  const totpSetup = { secret: offered, uri: totpFor(offered, u.email).toString() }
  if (code) throw secondFactorError(WRONG_CODE, 401, { secondFactor: 'enrol', totpSetup })
  throw secondFactorError(
    '安全设置要求三员使用动态口令登录：请在验证器（如手机上的身份验证器）中添加下方密钥，再输入它显示的 6 位数字完成绑定',
    403,
    { secondFactor: 'enrol', totpSetup },
  )
}

// The code as sent; a body that is not JSON reads as no code (answered as a wrong code).
const codeFrom = async (text: () => Promise<string>) => {
  try {
    const body = JSON.parse(await text()) as { code?: unknown } | null
    return body && typeof body === 'object' ? body.code : undefined
  } catch {
    return undefined
  }
}

const fullUser = async (req: PayloadRequest) =>
  (await req.payload.db.findOne({ collection: 'users', where: { id: { equals: req.user!.id } }, req })) as unknown as TotpUser

const STAFF_ONLY = '动态口令供管理后台的工作人员使用'

/**
 * POST /api/users/totp/setup → { secret, uri } (staff, not yet bound); POST /api/users/totp/enable {code};
 * POST /api/users/totp/disable {code} (refused while 安全设置 requires it for the account).
 */
export const totpRoutes = [
  defineRoute({
    method: 'post',
    path: '/users/totp/setup',
    collection: 'users',
    callers: STAFF_ROLES,
    refusal: STAFF_ONLY,
    handler: async (req) => {
      const user = await fullUser(req)
      if (user.totpEnabled) throw new HttpError(409, '已经绑定了动态口令；如需更换请先解除绑定')
      const secret = enrolmentSecret(req.payload, user)
      return Response.json({ secret, uri: totpFor(secret, user.email).toString() })
    },
  }),
  defineRoute({
    method: 'post',
    path: '/users/totp/enable',
    collection: 'users',
    callers: STAFF_ROLES,
    refusal: STAFF_ONLY,
    handler: async (req, { text }) => {
      const user = await fullUser(req)
      if (user.totpEnabled) throw new HttpError(409, '已经绑定了动态口令')
      const secret = enrolmentSecret(req.payload, user)
      if (!(await consumeCode(req, user.id, secret, await codeFrom(text))))
        throw new HttpError(400, '动态口令不正确或已使用过：请输入验证器中当前显示的 6 位数字')
      await bind(req, user, secret)
      return Response.json({ message: '已绑定动态口令，下次登录时需要输入' })
    },
  }),
  defineRoute({
    method: 'post',
    path: '/users/totp/disable',
    collection: 'users',
    callers: 'signedIn',
    handler: async (req, { text }) => {
      const user = await fullUser(req)
      const secret = user.totpEnabled ? storedSecret(user) : null
      if (!secret) throw new HttpError(409, '该账号没有绑定动态口令')
      if (await required(req.payload, user)) throw new HttpError(409, '安全设置要求三员使用动态口令，不能解除')
      if (!(await consumeCode(req, user.id, secret, await codeFrom(text)))) throw new HttpError(400, '动态口令不正确或已使用过')
      await disableTotp(inRequest(req), Number(user.id))
      await recordAudit(req, { action: 'totp', collection: 'users', documentId: user.id, summary: '解除动态口令' })
      return Response.json({ message: '已解除动态口令' })
    },
  }),
]
