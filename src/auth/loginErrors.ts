import type { CollectionAfterErrorHook } from 'payload'

import { usesSecondFactor, type SecondFactorSignal } from './totp'

/**
 * One answer for every failed sign-in that happens before the password is known to be right: an
 * unknown account, a wrong password, a wrong second-factor code counted like one, and a locked
 * account (Payload answers the last with its own "user locked" message, which told anyone trying
 * addresses which accounts exist). Same status, same message; only the audit trail tells them apart
 * (src/auth/hooks.ts, auditFailedLogin, runs before this).
 */
export const LOGIN_FAILED = '邮箱或密码不正确。连续 5 次失败后账号将锁定 15 分钟，请稍后再试或联系系统管理员'

/**
 * The same answer for an account that signs in with a code (bound, or required for its role by
 * 安全设置): a wrong code is one of the things that may be wrong. Ordinary members never see the
 * word 动态口令, and an unknown address answers exactly like an ordinary member's wrong password, so
 * the message tells nothing about whether an account exists (only that a given staff address uses a
 * second factor, which its owner needs to know).
 */
export const LOGIN_FAILED_WITH_CODE = '邮箱、密码或动态口令不正确。连续 5 次失败后账号将锁定 15 分钟，请稍后再试或联系系统管理员'

/** Whether the address given at login belongs to an account that signs in with a code. */
const signsInWithCode = async (req: Parameters<CollectionAfterErrorHook>[0]['req']): Promise<boolean> => {
  const email = (req.data as { email?: unknown } | undefined)?.email
  if (typeof email !== 'string' || !email.trim() || email.length > 254) return false
  const account = await req.payload.db.findOne({ collection: 'users', where: { email: { equals: email.trim().toLowerCase() } } }).catch(() => null)
  return account ? usesSecondFactor(req.payload, account as never) : false
}

const isLoginRequest = (url: string | undefined) => {
  if (!url) return false
  try {
    return new URL(url).pathname.endsWith('/users/login')
  } catch {
    return false
  }
}

/**
 * Users' afterError hook for the login endpoint:
 * - a second-factor answer (src/auth/totp.ts marks the error) becomes a response whose top level
 *   says what the login page must show: `secondFactor: 'code'` (ask for the code) or `'enrol'`
 *   (show `totpSetup`'s key, then ask for the code). The marker is a property of the error, read
 *   without `instanceof`, and the body is built here, so it is the same from the production build
 *   as in-process (Payload's own `errors[].data` is not);
 * - any other 401 of the login is the uniform {@link LOGIN_FAILED} ({@link LOGIN_FAILED_WITH_CODE}
 *   for an account that signs in with a code).
 */
export const loginErrorResponse: CollectionAfterErrorHook = async ({ error, req }) => {
  const signal = (error as { secondFactorSignal?: SecondFactorSignal }).secondFactorSignal
  const status = Number((error as { status?: number }).status) || 500
  if (signal) {
    return {
      status,
      response: { errors: [{ message: (error as Error).message, data: { totpRequired: true, ...(signal.totpSetup ? { totpSetup: signal.totpSetup } : {}) } }], ...signal },
    }
  }
  if (status === 401 && isLoginRequest(req.url)) {
    return { status: 401, response: { errors: [{ message: (await signsInWithCode(req)) ? LOGIN_FAILED_WITH_CODE : LOGIN_FAILED }] } }
  }
  return undefined
}
