import { createHash, pbkdf2, randomBytes, timingSafeEqual } from 'crypto'
import type { CollectionAfterChangeHook, CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'
import { APIError, incrementLoginAttempts, ValidationError } from 'payload'

import type { User } from '../payload-types'
import { ROLE_LABELS, SEPARATED_ADMIN_ROLES, type Role } from '../access/roles'
import { recordAudit, recordAuditDetached } from '../audit/record'
import { PRODUCT_NAME } from '../brand'
import { inRequest, transact } from '../db/transaction'
import { formatAdminDateTime } from '../dates'
import { queueMail } from '../mail/queue'
import { publicBaseUrl } from '../mail/settings'
import { confirmEmailMail, noticeMail } from '../mail/templates'
import { HttpError } from '../http/errors'
import { defineRoute } from '../http/route'
import { EMAIL_PATTERN } from './email'
import {
  activeHoldersOf,
  applyPendingEmail,
  cancelPendingEmail,
  clearPendingEmail,
  emailTakenByOther,
  lockAdminRoleHolders,
  passwordHashOf,
  pendingEmailByToken,
  setPendingEmail,
} from './queries'

/**
 * Who may change an account's credentials and roles (issue 13, F1, F2, F4):
 *  - the credentials (password, e-mail; the second factor has only the account's own endpoints) of
 *    an account holding sysAdmin, securityAdmin or auditor are changed by that account alone;
 *  - one's own password or e-mail needs the current password in the same request
 *    (`currentPassword`); a wrong one counts toward the lockout like a failed login;
 *  - one's own new e-mail is not applied at once: it waits as `pendingEmail` until the link sent to
 *    it is opened (single use, 24 hours, only its SHA-256 stored), and the old address is told;
 *  - nobody changes their own roles or review level;
 *  - the last active holder of each of the three administrator roles keeps it: no withdrawal,
 *    disabling or deletion (anonymisation is refused for administrators in src/privacy/endpoints.ts).
 * Server code calling the Local API with overrideAccess (seed, scripts, jobs) is trusted.
 */

export const EMAIL_CONFIRM_HOURS = 24
const PENDING = 'pendingEmailChange'

type Account = {
  id: number
  name?: string | null
  email?: string | null
  roles?: Role[] | null
  active?: boolean | null
  lockUntil?: string | null
}

const normEmail = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '')
const adminRolesOf = (account: Pick<Account, 'roles'>) => (account.roles ?? []).filter((r) => SEPARATED_ADMIN_ROLES.includes(r))
const roleNames = (roles: Role[]) => roles.map((r) => ROLE_LABELS[r].zh).join('、')
const sameSet = (a: unknown, b: unknown) =>
  JSON.stringify([...(Array.isArray(a) ? a : a == null || a === '' ? [] : [a])].map(String).sort()) ===
  JSON.stringify([...(Array.isArray(b) ? b : b == null || b === '' ? [] : [b])].map(String).sort())
const asBool = (v: unknown) => !(v === false || v === 'false')
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

const fieldError = (path: string, message: string) => new ValidationError({ collection: 'users', errors: [{ message, path }] })

/** The accounts an update or delete is aimed at: one by id, or those a bulk `where` matches. */
const targetsOf = async (req: PayloadRequest, args: { id?: number | string; where?: Where }): Promise<Account[]> => {
  if (args.id !== undefined && args.id !== null) {
    const doc = await req.payload.findByID({ collection: 'users', id: args.id, depth: 0, overrideAccess: true, req, disableErrors: true })
    return doc ? [doc as unknown as Account] : []
  }
  if (!args.where) return []
  const { docs } = await req.payload.find({
    collection: 'users',
    where: args.where,
    depth: 0,
    overrideAccess: true,
    req,
    pagination: false,
  })
  return docs as unknown as Account[]
}

/** Verifies the current password against the stored hash; a wrong one counts as a failed login. */
const checkCurrentPassword = async (req: PayloadRequest, userId: number | string, given: unknown) => {
  if (typeof given !== 'string' || given === '')
    throw fieldError('currentPassword', '请输入当前密码：修改本人的密码或邮箱需要先验证当前密码')
  if (given.length > 1024) throw fieldError('currentPassword', '当前密码不正确')
  const stored = await req.payload.db.findOne<User>({ collection: 'users', where: { id: { equals: userId } }, req })
  if (!stored) throw new APIError('找不到该账号', 404, undefined, true)
  if (stored.lockUntil && new Date(stored.lockUntil) > new Date()) {
    throw new APIError('连续验证失败次数过多，账号已锁定 15 分钟，请稍后再试', 423, undefined, true)
  }
  const ok = await passwordMatches(stored, given)
  if (!ok) {
    // Written on its own connection (Payload's lockout counter), so it stays when the request fails.
    await incrementLoginAttempts({ collection: req.payload.collections.users.config, payload: req.payload, user: stored })
    await recordAuditDetached(
      req.payload,
      {
        action: 'loginFailed',
        result: 'failure',
        collection: 'users',
        documentId: stored.id,
        summary: `修改密码或邮箱时当前密码错误：${stored.name ?? stored.email}`,
      },
      { ...stored, collection: 'users' },
      req,
    )
    throw fieldError('currentPassword', '当前密码不正确：连续 5 次错误将锁定账号 15 分钟')
  }
}

/**
 * Payload's own check (src: payload/dist/auth/strategies/local/authenticate.js, not exported):
 * pbkdf2-sha256 with 600,000 rounds and a 32-byte key behind the `pbkdf2-sha256-v1:` prefix, or the
 * legacy 25,000 rounds and 512 bytes; compared in constant time.
 */
const passwordMatches = async (doc: { hash?: string | null; salt?: string | null }, password: string) => {
  if (typeof doc.hash !== 'string' || typeof doc.salt !== 'string') return false
  const PREFIX = 'pbkdf2-sha256-v1:'
  const current = doc.hash.startsWith(PREFIX)
  const expected = Buffer.from(current ? doc.hash.slice(PREFIX.length) : doc.hash, 'hex')
  const derived = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, doc.salt!, current ? 600_000 : 25_000, current ? 32 : 512, 'sha256', (e, b) => (e ? reject(e) : resolve(b))),
  )
  return derived.length === expected.length && timingSafeEqual(derived, expected)
}

/**
 * The last active holder of an administrator role keeps it. Serialised by a transaction-level
 * advisory lock, so two parallel withdrawals cannot each see the other holder.
 */
const keepLastHolders = async (
  req: PayloadRequest,
  targets: Account[],
  after: (t: Account) => { roles: Role[]; active: boolean } | null,
) => {
  const touched = targets.filter((t) => asBool(t.active) && adminRolesOf(t).length > 0)
  if (touched.length === 0) return
  await lockAdminRoleHolders(inRequest(req))
  const ids = new Set(targets.map((t) => String(t.id)))
  for (const role of SEPARATED_ADMIN_ROLES) {
    if (!touched.some((t) => (t.roles ?? []).includes(role))) continue
    const holders = await activeHoldersOf(inRequest(req), role)
    const others = holders.filter((id) => !ids.has(String(id))).length
    const staying = targets.filter((t) => {
      const next = after(t)
      return next !== null && next.active && next.roles.includes(role)
    }).length
    if (holders.length > 0 && others + staying === 0) {
      const label = ROLE_LABELS[role].zh
      throw new APIError(
        `不能撤销、停用或删除最后一位${label}：请先由安全管理员为另一名人员授予「${label}」角色（并确认该账号已启用），再办理此账号`,
        409,
        { role },
        true,
      )
    }
  }
}

export const guardAccounts: CollectionBeforeOperationHook = async ({ args, operation, req, overrideAccess }) => {
  const user = req.user
  if (operation === 'unlock') {
    if (overrideAccess || !user) return args
    const email = normEmail((args as { data?: { email?: unknown } }).data?.email)
    const found = email
      ? ((await req.payload.db.findOne({ collection: 'users', where: { email: { equals: email } }, req })) as Account | null)
      : null
    if (found && String(found.id) !== String(user.id) && adminRolesOf(found).length > 0) {
      throw new APIError(
        `不能解锁${roleNames(adminRolesOf(found))}账号：三员账号的锁定在 15 分钟后自动解除，期间请本人稍候再登录`,
        403,
        undefined,
        true,
      )
    }
    return args
  }
  if (operation !== 'update' && operation !== 'delete') return args
  const data = operation === 'update' ? ((args as { data?: Record<string, unknown> }).data ?? {}) : undefined
  // Never stored, never passed on: only checked here.
  const currentPassword = data?.currentPassword
  if (data) delete data.currentPassword
  if (overrideAccess || !user) return args

  const targets = await targetsOf(req, args)
  if (operation === 'delete') {
    await keepLastHolders(req, targets, () => null)
    return args
  }
  const d = data!
  const settingPassword = typeof d.password === 'string' && d.password !== ''
  for (const target of targets) {
    const self = String(target.id) === String(user.id)
    const emailChange = typeof d.email === 'string' && d.email.trim() !== '' && normEmail(d.email) !== normEmail(target.email)
    if (!self && (settingPassword || emailChange) && adminRolesOf(target).length > 0) {
      throw new APIError(
        `「${target.name ?? target.email}」是${roleNames(adminRolesOf(target))}账号：三员账号的登录凭据（密码、邮箱、动态口令）只能由本人修改。忘记密码时请本人使用登录页的“忘记密码”`,
        403,
        undefined,
        true,
      )
    }
    if (self) {
      const rolesChange = 'roles' in d && d.roles !== undefined && !sameSet(d.roles, target.roles)
      const levelChange =
        'reviewLevel' in d && d.reviewLevel !== undefined && !sameSet(d.reviewLevel, (target as { reviewLevel?: unknown }).reviewLevel)
      if (rolesChange || levelChange) {
        throw new APIError('不能修改本人的角色或审核级别：请由另一位安全管理员办理', 403, undefined, true)
      }
      if (settingPassword || emailChange) await checkCurrentPassword(req, target.id, currentPassword)
      if (emailChange) {
        const next = normEmail(d.email)
        if (next.length > 254 || !EMAIL_PATTERN.test(next)) throw fieldError('email', '请输入有效的邮箱地址')
        const taken = await req.payload.db.findOne({ collection: 'users', where: { email: { equals: next } }, req })
        if (taken) throw fieldError('email', '该邮箱已被其他账号使用')
        // Not applied now: the afterChange hook stores it as pending and sends the link.
        ;(req.context[PENDING] as Record<string, string> | undefined) ?? (req.context[PENDING] = {})
        ;(req.context[PENDING] as Record<string, string>)[String(target.id)] = next
        delete d.email
      }
    }
  }
  if ('roles' in d || 'active' in d) {
    await keepLastHolders(req, targets, (t) => ({
      roles: (Array.isArray(d.roles) ? d.roles : (t.roles ?? [])) as Role[],
      active: 'active' in d && d.active !== undefined && d.active !== null ? asBool(d.active) : asBool(t.active),
    }))
  }
  return args
}

// Absolute: the link is opened from a mail client (PUBLIC_URL, else this machine's address).
export const emailConfirmLink = (token: string) => `${publicBaseUrl(process.env)}/api/users/confirm-email?token=${token}`
const maskEmail = (email: string) => {
  const [local, domain] = email.split('@')
  return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, Math.min(6, local.length - 2)))}@${domain}`
}
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * A notice to the old address, queued like every mail (src/mail): a mail server that is down
 * delays it (retries) and never undoes the change it reports.
 */
const notify = (req: PayloadRequest, message: { to: string; name: string; subject: string; paragraphs: string[] }) =>
  queueMail(req, 'emailNotice', noticeMail(message.to, message.name, message.subject, message.paragraphs))

/**
 * After a save: a requested e-mail change becomes pending (link to the new address, notice to the
 * old one); an e-mail set directly by sysAdmin (account administration) clears any pending one and
 * tells the old address; every password change is recorded as such (F5).
 */
export const credentialsAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update') return doc
  const name = String(doc.name ?? doc.email)
  const pending = (req.context[PENDING] as Record<string, string> | undefined)?.[String(doc.id)]
  if (pending) {
    delete (req.context[PENDING] as Record<string, string>)[String(doc.id)]
    const token = randomBytes(32).toString('base64url')
    const expires = new Date(Date.now() + EMAIL_CONFIRM_HOURS * 3600_000).toISOString()
    await setPendingEmail(inRequest(req), Number(doc.id), { email: pending, tokenHash: hashToken(token), expiresAt: expires })
    await recordAudit(req, {
      action: 'update',
      collection: 'users',
      documentId: doc.id,
      summary: `申请更换登录邮箱「${name}」：确认链接已发往新邮箱，已通知原邮箱`,
      changedFields: ['pendingEmail'],
    })
    const link = emailConfirmLink(token)
    await queueMail(req, 'confirmEmail', confirmEmailMail(pending, name, link, EMAIL_CONFIRM_HOURS))
    if (previousDoc?.email) {
      await notify(req, {
        to: previousDoc.email,
        name,
        subject: `${PRODUCT_NAME}：有人申请更改您的登录邮箱`,
        paragraphs: [
          `您的账号于 ${formatAdminDateTime(new Date())} 申请把登录邮箱更改为 ${maskEmail(pending)}。新邮箱要在其收到的确认链接被打开后才生效，在此之前仍使用本邮箱登录。`,
          '如果不是您本人操作，说明您的密码可能已泄露：请立即登录并修改密码，并联系系统管理员。',
        ],
      })
    }
    ;(doc as { pendingEmail?: string }).pendingEmail = pending
    ;(doc as { pendingEmailExpiresAt?: string }).pendingEmailExpiresAt = expires
  } else if (previousDoc?.email && normEmail(doc.email) !== normEmail(previousDoc.email)) {
    // Set directly (sysAdmin, account administration): an earlier pending change no longer applies.
    await clearPendingEmail(inRequest(req), Number(doc.id))
    await notify(req, {
      to: previousDoc.email,
      name,
      subject: `${PRODUCT_NAME}：您的登录邮箱已被更改`,
      paragraphs: [`系统管理员已把您的登录邮箱更改为 ${maskEmail(String(doc.email))}，此后请用新邮箱登录。如有疑问，请联系系统管理员。`],
    })
  }
  const stored = await passwordHashOf(inRequest(req), Number(doc.id))
  if (previousDoc && stored && stored.hash !== previousDoc.hash) {
    const self = req.user && String(req.user.id) === String(doc.id)
    await recordAudit(req, {
      action: 'passwordChange',
      collection: 'users',
      documentId: doc.id,
      summary: self ? `本人修改密码「${name}」，其他会话已注销` : `系统管理员设置「${name}」的密码，其全部会话已注销`,
      changedFields: ['password'],
    })
  }
  return doc
}

const page = (status: number, title: string, body: string) =>
  new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.7"><h1 style="font-size:1.3rem">${title}</h1><p>${body}</p><p><a href="/login">前往登录</a></p></body></html>`,
    { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
  )

const INVALID = '确认链接无效、已使用或已过期（24 小时内有效，只能使用一次）：请登录后重新申请更换邮箱'

/** Applies a pending e-mail by its token: one statement, so a link works once. */
const confirm = async (req: PayloadRequest, token: unknown): Promise<{ status: number; message: string }> => {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { status: 400, message: INVALID }
  try {
    const outcome = await transact(req, async (tx) => {
      const account = await pendingEmailByToken(tx, hashToken(token))
      // Nothing written: committing it is rolling it back.
      if (!account) return { status: 400, message: INVALID }
      if (await emailTakenByOther(tx, account.pending_email, account.id)) {
        await clearPendingEmail(tx, account.id)
        return { status: 409, message: '该邮箱已被其他账号使用，更换未生效：请登录后改用其他邮箱' }
      }
      await applyPendingEmail(tx, account.id)
      return account
    })
    if ('status' in outcome) return outcome
    const account = outcome
    await recordAuditDetached(
      req.payload,
      {
        action: 'update',
        collection: 'users',
        documentId: account.id,
        summary: `确认新登录邮箱「${account.name}」：新邮箱已生效`,
        changedFields: ['email'],
      },
      { id: account.id, name: account.name, email: account.pending_email, collection: 'users' },
      req,
    )
    return { status: 200, message: '新邮箱已生效：此后请用新邮箱登录' }
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return { status: 409, message: '该邮箱已被其他账号使用，更换未生效' }
    throw error
  }
}

// The link's token as sent; a body that is not JSON reads as no token (the answer names the link as invalid).
const tokenOf = async (text: () => Promise<string>) => {
  try {
    const body = JSON.parse(await text()) as Record<string, unknown> | null
    return body && typeof body === 'object' ? body.token : undefined
  } catch {
    return undefined
  }
}

/**
 * GET /api/users/confirm-email?token=… (the link in the e-mail: a small page saying what happened);
 * POST /api/users/confirm-email {token} (JSON, for a site page);
 * POST /api/users/cancel-email-change (signed in: withdraws one's own pending change).
 */
export const credentialRoutes = [
  defineRoute({
    method: 'get',
    path: '/users/confirm-email',
    collection: 'users',
    callers: 'anyone',
    // Opened from a mail client, which may add its own parameters: the answer is always the page.
    anyQuery: true,
    handler: async (req) => {
      const result = await confirm(req, new URL(req.url ?? 'http://x').searchParams.get('token'))
      return page(result.status, result.status === 200 ? '新邮箱已生效' : '邮箱未能更换', escape(result.message))
    },
  }),
  defineRoute({
    method: 'post',
    path: '/users/confirm-email',
    collection: 'users',
    callers: 'anyone',
    handler: async (req, { text }) => {
      const result = await confirm(req, await tokenOf(text))
      if (result.status !== 200) throw new HttpError(result.status, result.message)
      return Response.json({ message: result.message })
    },
  }),
  defineRoute({
    method: 'post',
    path: '/users/cancel-email-change',
    collection: 'users',
    callers: 'signedIn',
    handler: async (req) => {
      if (!(await cancelPendingEmail(inRequest(req), Number(req.user!.id)))) throw new HttpError(409, '没有待确认的邮箱更换')
      await recordAudit(req, {
        action: 'update',
        collection: 'users',
        documentId: req.user!.id,
        summary: '撤回更换登录邮箱的申请',
        changedFields: ['pendingEmail'],
      })
      return Response.json({ message: '已撤回更换邮箱的申请' })
    },
  }),
]
