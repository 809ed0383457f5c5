import type { CollectionAfterErrorHook } from 'payload'

import type { SecondFactorSignal } from './totp'
import { errorBody } from '../http/errorBody'

/**
 * One answer for every failed sign-in that happens before the password is known to be right: an
 * unknown account, a wrong password, a wrong second-factor code counted like one, and a locked
 * account (Payload answers the last with its own "user locked" message, which told anyone trying
 * addresses which accounts exist). Same status, same message; only the audit trail tells them apart
 * (src/auth/hooks.ts, auditFailedLogin, runs before this).
 */
export const LOGIN_FAILED = '邮箱或密码不正确。连续 5 次失败后账号将锁定 15 分钟，请稍后再试或联系系统管理员'

/**
 * The same answer to a sign-in that sent a code (the page asks for one only once the password was
 * right for an account that uses a second factor): a wrong code is one of the things that may be
 * wrong. It depends on the request, not on the account, so it tells nothing about any account: an
 * unknown address sent with a code gets exactly this too. Ordinary members, who are never asked for
 * a code, never see the word 动态口令.
 */
export const LOGIN_FAILED_WITH_CODE = '邮箱、密码或动态口令不正确。连续 5 次失败后账号将锁定 15 分钟，请稍后再试或联系系统管理员'

/** Whether the sign-in request carried a second-factor code. */
const sentCode = (req: Parameters<CollectionAfterErrorHook>[0]['req']): boolean => {
  const code = (req.data as { totp?: unknown } | undefined)?.totp
  return code !== undefined && code !== null && String(code).trim() !== ''
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
 *   when the request sent a code).
 */
export const loginErrorResponse: CollectionAfterErrorHook = async ({ error, req }) => {
  const signal = (error as { secondFactorSignal?: SecondFactorSignal }).secondFactorSignal
  const status = Number((error as { status?: number }).status) || 500
  if (signal) {
    return {
      status,
      response: {
        errors: [
          { message: (error as Error).message, data: { totpRequired: true, ...(signal.totpSetup ? { totpSetup: signal.totpSetup } : {}) } },
        ],
        ...signal,
      },
    }
  }
  if (status === 401 && isLoginRequest(req.url)) {
    return { status: 401, response: errorBody(sentCode(req) ? LOGIN_FAILED_WITH_CODE : LOGIN_FAILED) }
  }
  return undefined
}
