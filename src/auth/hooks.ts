import { randomBytes } from 'crypto'
import type {
  CollectionAfterChangeHook,
  CollectionAfterErrorHook,
  CollectionAfterLogoutHook,
  CollectionAfterOperationHook,
  CollectionBeforeLoginHook,
  CollectionBeforeOperationHook,
} from 'payload'
import { APIError, LockedAuth, ValidationError } from 'payload'

import type { User } from '../payload-types'
import { clientIp, recordAudit, recordAuditDetached } from '../audit/record'
import { queueInvitation } from '../mail/auth'
import { passwordProblem } from './passwordPolicy'
import { consume, RateLimitError } from './rateLimit'
import { revokeAllSessions } from './sessions'

/** Context flag for the demo seed: its accounts carry the published demo password on purpose. */
export const DEMO_SEED = 'demoSeed'
export const SETTING_PASSWORD = 'settingPassword'

const policyError = (message: string) => new ValidationError({ collection: 'users', errors: [{ message, path: 'password' }] })

/**
 * Password rules on every way a password is set: create, update (self-service or sysAdmin) and the
 * reset/set-password link. Invited accounts may be created without one: they get a random password
 * nobody knows and must set their own through the link (no default passwords).
 */
export const enforcePasswordPolicy: CollectionBeforeOperationHook = async ({ args, operation, req, context }) => {
  if (!['create', 'update', 'updateByID', 'resetPassword'].includes(operation)) return args
  // The reset link signs the person in right after the new password is set: that is the moment
  // an invitation is completed, so refuseUnsetPassword lets this one through.
  if (operation === 'resetPassword') req.context[SETTING_PASSWORD] = true
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data) return args
  if (operation === 'create' && !data.password) {
    data.password = randomBytes(24).toString('base64url') + 'aA1!'
    data.mustSetPassword = true
    return args
  }
  if (data.password === undefined || data.password === null || data.password === '') return args
  if (context?.[DEMO_SEED]) return args
  let account: { email?: string | null; name?: string | null; staffNumber?: string | null } = data
  if (operation === 'updateByID' || operation === 'update') {
    const id = (args as { id?: number | string }).id
    if (id !== undefined) {
      const existing = await req.payload.db.findOne({ collection: 'users', where: { id: { equals: id } }, req })
      const known = existing as { email?: string; name?: string; staffNumber?: string } | null
      if (known)
        account = {
          email: (data.email as string) ?? known.email,
          name: (data.name as string) ?? known.name,
          staffNumber: known.staffNumber,
        }
    }
  } else if (operation === 'resetPassword') {
    const token = data.token
    if (typeof token === 'string' && token) {
      const existing = await req.payload.db.findOne<User>({ collection: 'users', where: { resetPasswordToken: { equals: token } }, req })
      if (existing) account = existing
    }
  }
  const problem = passwordProblem(data.password, account)
  if (problem) throw policyError(problem)
  return args
}

/** Login and forgot-password requests are counted per account and per address before any work. */
export const limitAuthRequests: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login' && operation !== 'forgotPassword') return args
  // Limits guard the network; the server's own Local API calls (seed, tests, jobs) are not requests.
  if (req.payloadAPI === 'local') return args
  const email = (args as { data?: { email?: unknown } }).data?.email
  try {
    await consume(operation, { account: typeof email === 'string' ? email : undefined, address: clientIp(req) })
  } catch (error) {
    if (error instanceof RateLimitError) throw new APIError(error.message, 429, { retryAfter: error.retryAfter }, true)
    throw error
  }
  return args
}

/** An invited or seeded-for-production account signs in only after setting its own password. */
export const refuseUnsetPassword: CollectionBeforeLoginHook = ({ user, req }) => {
  if ((user as { mustSetPassword?: boolean }).mustSetPassword && !req.context?.[SETTING_PASSWORD]) {
    throw new APIError('请先通过邀请邮件中的“设置密码”链接设置自己的密码，再登录', 403, undefined, true)
  }
  return user
}

/** Setting a password through the link completes the invitation, and ends the person's other sessions. */
export const afterPasswordReset: CollectionAfterOperationHook = async ({ operation, result, req }) => {
  if (operation !== 'resetPassword') return result
  const user = (result as { user?: { id: number; name?: string; email?: string } }).user
  if (user) {
    await req.payload.db.updateOne({ collection: 'users', id: user.id, data: { mustSetPassword: false }, req, returning: false })
    await recordAudit(
      req,
      { action: 'passwordChange', collection: 'users', documentId: user.id, summary: `通过链接设置密码：${user.name ?? user.email}` },
      { ...user, collection: 'users' },
    )
  }
  return result
}

/**
 * Disabling an account ends its sessions at once (Payload itself ends the other sessions when the
 * password changes). Role changes are recorded as such (等保: 权限变更审计).
 */
export const sessionsAndRolesAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'create' && doc.mustSetPassword && doc.email) {
    // The invitation: a set-password link by e-mail (valid one hour; sysAdmin can send another),
    // queued in this transaction (src/mail): an account whose creation rolls back gets no mail.
    await queueInvitation(req, { email: doc.email, name: doc.name })
    return doc
  }
  if (operation !== 'update') return doc
  if (previousDoc?.active !== false && doc.active === false) {
    const ended = await revokeAllSessions(req.payload, doc.id, req)
    await recordAudit(req, {
      action: 'sessionRevoked',
      collection: 'users',
      documentId: doc.id,
      summary: `停用账号「${doc.name}」，注销 ${ended} 个会话`,
    })
  }
  // Password changes are recorded by credentialsAfterChange (src/auth/credentials.ts): Payload
  // removes the password from `data` before afterChange hooks run, so it is told by the new hash.
  const before = JSON.stringify([...(previousDoc?.roles ?? [])].sort()) + String(previousDoc?.reviewLevel ?? '')
  const after = JSON.stringify([...(doc.roles ?? [])].sort()) + String(doc.reviewLevel ?? '')
  if (before !== after) {
    await recordAudit(req, {
      action: 'roleChange',
      collection: 'users',
      documentId: doc.id,
      summary: `角色变更「${doc.name}」：${(previousDoc?.roles ?? []).join('、') || '无'} → ${(doc.roles ?? []).join('、')}`,
      changedFields: ['roles'],
    })
  }
  return doc
}

export const auditLogout: CollectionAfterLogoutHook = async ({ req }) => {
  const campus = req.context?.signOnMethod ? `（统一身份认证·${String(req.context.signOnMethod)}，并退出校园统一身份认证）` : ''
  if (req.user)
    await recordAudit(req, {
      action: 'logout',
      collection: 'users',
      documentId: req.user.id,
      summary: `退出登录${campus}：${(req.user as { name?: string }).name ?? req.user.email}`,
    })
}

/**
 * Failed logins and lockouts go to the audit trail (on their own: the request's transaction is
 * rolled back). The answer to the client stays the same for an unknown account and a wrong
 * password; only the trail tells them apart.
 */
export const auditFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  if (!req.url || !new URL(req.url).pathname.endsWith('/users/login')) return
  const status = (error as { status?: number }).status
  if (status === 429) return
  const email =
    typeof (req.data as { email?: unknown } | undefined)?.email === 'string'
      ? String((req.data as { email: string }).email).slice(0, 120)
      : ''
  const found = email
    ? await req.payload.db.findOne<User>({ collection: 'users', where: { email: { equals: email.toLowerCase() } } }).catch(() => null)
    : null
  const user = found ? { ...found, collection: 'users' } : null
  const lockUntil = found?.lockUntil
  const locked = Boolean(lockUntil && new Date(lockUntil) > new Date())
  const name = found?.name
  if (error instanceof LockedAuth) {
    await recordAuditDetached(
      req.payload,
      {
        action: 'lockout',
        result: 'denied',
        collection: 'users',
        documentId: found?.id,
        summary: `账号已锁定，拒绝登录：${name ?? email}`,
      },
      user,
      req,
    )
    return
  }
  await recordAuditDetached(
    req.payload,
    {
      action: locked ? 'lockout' : 'loginFailed',
      result: 'failure',
      collection: 'users',
      documentId: found?.id,
      summary: locked
        ? `连续登录失败，账号锁定 15 分钟：${name ?? email}`
        : found
          ? `登录失败（密码错误）：${name}`
          : `登录失败（账号不存在）：${email || '未填写'}`,
    },
    user,
    req,
  )
}
