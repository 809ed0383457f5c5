import { createHash } from 'crypto'
import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import config from '../../../payload.config'
import { resetRateLimits } from '../../../src/auth/rateLimit'
import { MAIL_QUEUE } from '../../../src/mail/queue'
import { poolOf } from '../../../src/db/pool'
import { demoUser, personData, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'
import { restBody, type RestBody } from '../../helpers/rest'

/**
 * Issue 13, section 3: F1 (nobody takes over an administrator's credentials), F2 (nobody changes
 * their own roles; the last holder of each of the three administrator roles stays), F4 (the current
 * password for one's own password or e-mail change; a new e-mail confirmed by a link sent to it,
 * the old address told), F5 (every password change in the audit log; exact changed fields).
 * Over REST, as a browser or script would do it.
 */
const PASSWORD = 'Vq7#Lm2$Xr9'

type Method = 'GET' | 'PATCH' | 'POST' | 'DELETE'
const call = async (method: Method, path: string, opts: { token?: string; body?: unknown } = {}) => {
  const handler = { GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST, DELETE: REST_DELETE }[method](config)
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-real-ip': '10.13.0.1' }
  if (opts.token) headers.Authorization = `JWT ${opts.token}`
  const res = await handler(new Request(url, { method, headers, body: opts.body ? JSON.stringify(opts.body) : undefined }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
  })
  const text = await res.text()
  const json = restBody(text)
  return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' }
}
const login = (email: string, password: string) => call('POST', 'users/login', { body: { email, password } })
const tokenOf = async (email: string, password: string) => {
  const res = await login(email, password)
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.json)}`)
  return res.json.token as string
}
const messageOf = (r: { json: RestBody }) => String(r.json.errors?.[0]?.message ?? r.json.message ?? '')

let payload: Payload
let sysAdmin: TestUser
let securityAdmin: TestUser
let auditor: TestUser
let sysToken: string
let secToken: string
let auditorToken: string
let sent: Array<{ to: string; subject: string; html: string }>

const db = () => poolOf(payload)
const row = async (id: number | string) =>
  (await db().query('SELECT email, hash, active, login_attempts FROM users WHERE id = $1', [id])).rows[0]
const rolesOf = async (id: number | string) =>
  (await db().query('SELECT value FROM users_roles WHERE parent_id = $1 ORDER BY value', [id])).rows.map((r) => r.value as string)
const auditRows = async (where: string, values: unknown[]) =>
  (await db().query(`SELECT action, result, summary, actor_id, changed_fields FROM audit_logs WHERE ${where} ORDER BY id`, values)).rows

const newPerson = async (extra: Record<string, unknown> = {}) =>
  (await payload.create({
    collection: 'users',
    data: personData(unique('凭据'), { password: PASSWORD, ...extra }),
    depth: 0,
    overrideAccess: true,
  })) as unknown as {
    id: number
    email: string
    name: string
  }

/**
 * Makes `keep` the only active holder of `role` for the length of `fn` (other test files may have
 * added holders to the shared database), then restores the others.
 */
const asOnlyHolder = async (role: string, keep: number | string, fn: () => Promise<void>) => {
  const { rows } = await db().query(
    `SELECT u.id FROM users u JOIN users_roles r ON r.parent_id = u.id WHERE r.value = $1 AND u.active AND u.id <> $2`,
    [role, keep],
  )
  const others = rows.map((r) => r.id as number)
  if (others.length) await db().query('UPDATE users SET active = false WHERE id = ANY($1)', [others])
  try {
    await fn()
  } finally {
    if (others.length) await db().query('UPDATE users SET active = true WHERE id = ANY($1)', [others])
  }
}

beforeAll(async () => {
  payload = await testPayload()
  ;[sysAdmin, securityAdmin, auditor] = await Promise.all([
    demoUser('sysadmin@demo.edu.cn'),
    demoUser('security@demo.edu.cn'),
    demoUser('auditor@demo.edu.cn'),
  ])
  ;[sysToken, secToken, auditorToken] = await Promise.all([
    tokenOf('sysadmin@demo.edu.cn', 'Dangjian@2026'),
    tokenOf('security@demo.edu.cn', 'Dangjian@2026'),
    tokenOf('auditor@demo.edu.cn', 'Dangjian@2026'),
  ])
})
afterAll(async () => {
  await releasePayload(payload)
})
beforeEach(() => {
  resetRateLimits()
  sent = []
  vi.spyOn(payload, 'sendEmail').mockImplementation(async (message: unknown) => {
    const m = message as { to: string; subject: string; html: string }
    sent.push({ to: String(m.to), subject: m.subject, html: m.html })
    return undefined
  })
})
afterEach(() => {
  vi.restoreAllMocks()
})
/** Mail is queued (src/mail/queue.ts): running the mail queue hands it to payload.sendEmail, spied above. */
const runMail = () => payload.jobs.run({ queue: MAIL_QUEUE, limit: 500 })

describe('F1: an administrator account is taken over by nobody', () => {
  it('refuses sysAdmin setting the password or e-mail of the auditor, the securityAdmin or another sysAdmin', async () => {
    const otherSys = await newPerson()
    await payload.update({ collection: 'users', id: otherSys.id, data: { roles: ['sysAdmin'] }, overrideAccess: true })
    try {
      for (const target of [auditor, securityAdmin, { id: otherSys.id, email: otherSys.email }]) {
        const before = await row(target.id)
        const pw = await call('PATCH', `users/${target.id}`, { token: sysToken, body: { password: 'Tk8#over!Qz' } })
        expect(pw.status, JSON.stringify(pw.json)).toBe(403)
        expect(messageOf(pw)).toMatch(/只能由本人/)
        const mail = await call('PATCH', `users/${target.id}`, { token: sysToken, body: { email: `${unique('taken')}@evil.test` } })
        expect(mail.status).toBe(403)
        // Many at once (PATCH /api/users?where=…) is refused the same.
        const bulk = await call('PATCH', `users?where[id][equals]=${target.id}`, { token: sysToken, body: { password: 'Tk8#over!Qz' } })
        expect(bulk.status).toBe(403)
        const after = await row(target.id)
        expect(after.hash).toBe(before.hash)
        expect(after.email).toBe(before.email)
        expect((await login(before.email, 'Tk8#over!Qz')).status).toBe(401)
      }
      // Nor can the securityAdmin (it never could: 密码 is sysAdmin's field).
      expect((await call('PATCH', `users/${auditor.id}`, { token: secToken, body: { password: 'Tk8#over!Qz' } })).status).toBe(403)
    } finally {
      await payload.update({ collection: 'users', id: otherSys.id, data: { roles: ['member'], active: false }, overrideAccess: true })
    }
  })

  it('still lets sysAdmin set an ordinary member’s password (account administration), audited', async () => {
    const person = await newPerson()
    const res = await call('PATCH', `users/${person.id}`, { token: sysToken, body: { password: 'Ad9#min!Set' } })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect((await login(person.email, 'Ad9#min!Set')).status).toBe(200)
    const rows = await auditRows(`action = 'passwordChange' AND document_id = $1`, [String(person.id)])
    expect(rows.length).toBe(1)
    expect(rows[0].actor_id).toBe(sysAdmin.id)
  })

  it('refuses unlocking an administrator account (its lock expires on its own); members are unlocked as before', async () => {
    await db().query(`UPDATE users SET login_attempts = 5, lock_until = now() + interval '15 minutes' WHERE id = $1`, [auditor.id])
    try {
      const res = await call('POST', 'users/unlock', { token: sysToken, body: { email: 'auditor@demo.edu.cn' } })
      expect(res.status).toBe(403)
      expect(messageOf(res)).toMatch(/解锁/)
      expect(Number((await row(auditor.id)).login_attempts)).toBe(5)
    } finally {
      await db().query(`UPDATE users SET login_attempts = 0, lock_until = NULL WHERE id = $1`, [auditor.id])
    }
    const person = await newPerson()
    await db().query(`UPDATE users SET login_attempts = 5, lock_until = now() + interval '15 minutes' WHERE id = $1`, [person.id])
    expect((await call('POST', 'users/unlock', { token: sysToken, body: { email: person.email } })).status).toBe(200)
    expect(Number((await row(person.id)).login_attempts)).toBe(0)
  })
})

describe('F2: roles', () => {
  it('refuses anyone changing their own roles or review level', async () => {
    const grab = await call('PATCH', `users/${securityAdmin.id}`, { token: secToken, body: { roles: ['sysAdmin'] } })
    expect(grab.status).toBe(403)
    expect(messageOf(grab)).toMatch(/本人的角色/)
    const reviewer = await call('PATCH', `users/${securityAdmin.id}`, {
      token: secToken,
      body: { roles: ['securityAdmin', 'reviewer'], reviewLevel: '3' },
    })
    expect(reviewer.status).toBe(403)
    expect(await rolesOf(securityAdmin.id)).toEqual(['securityAdmin'])
    // The admin form sends the roles back unchanged with every save: that is not a change.
    const same = await call('PATCH', `users/${securityAdmin.id}`, { token: secToken, body: { roles: ['securityAdmin'] } })
    expect(same.status, JSON.stringify(same.json)).toBe(200)
  })

  it('keeps the last active holder of each administrator role: no withdrawal, disabling or deletion', async () => {
    await asOnlyHolder('auditor', auditor.id, async () => {
      const withdraw = await call('PATCH', `users/${auditor.id}`, { token: secToken, body: { roles: ['member'] } })
      expect(withdraw.status).toBe(409)
      expect(messageOf(withdraw)).toMatch(/最后一位安全审计员/)
      const disable = await call('PATCH', `users/${auditor.id}`, { token: sysToken, body: { active: false } })
      expect(disable.status).toBe(409)
      const remove = await call('DELETE', `users/${auditor.id}`, { token: sysToken })
      expect(remove.status).toBe(409)
      expect(await rolesOf(auditor.id)).toEqual(['auditor'])
      expect((await row(auditor.id)).active).toBe(true)
    })
    await asOnlyHolder('sysAdmin', sysAdmin.id, async () => {
      const withdraw = await call('PATCH', `users/${sysAdmin.id}`, { token: secToken, body: { roles: ['member'] } })
      expect(withdraw.status).toBe(409)
      expect(messageOf(withdraw)).toMatch(/最后一位系统管理员/)
    })
    // With a second active holder, the role can be withdrawn from one of them.
    const second = await newPerson()
    await payload.update({ collection: 'users', id: second.id, data: { roles: ['auditor'] }, overrideAccess: true })
    await asOnlyHolder('auditor', auditor.id, async () => {
      await db().query('UPDATE users SET active = true WHERE id = $1', [second.id])
      const ok = await call('PATCH', `users/${second.id}`, { token: secToken, body: { roles: ['member'] } })
      expect(ok.status, JSON.stringify(ok.json)).toBe(200)
    })
  })

  it('refuses approving a deletion request of an administrator account', async () => {
    const person = await newPerson()
    const request = await payload.create({
      collection: 'deletion-requests',
      data: { member: person.id, memberName: person.name, status: 'pending' },
      overrideAccess: true,
    })
    await payload.update({ collection: 'users', id: person.id, data: { roles: ['auditor'] }, overrideAccess: true })
    try {
      const res = await call('POST', `deletion-requests/${request.id}/approve`, { token: sysToken, body: {} })
      expect(res.status).toBe(409)
      expect((await row(person.id)).email).toBe(person.email)
    } finally {
      await payload.update({ collection: 'users', id: person.id, data: { roles: ['member'] }, overrideAccess: true })
    }
  })
})

describe('F4: one’s own password and e-mail', () => {
  it('needs the current password; a wrong one is refused and counts toward the lockout', async () => {
    const person = await newPerson()
    const token = await tokenOf(person.email, PASSWORD)
    const none = await call('PATCH', `users/${person.id}`, { token, body: { password: 'Nw7#pass!Kx' } })
    expect(none.status).toBe(400)
    expect(messageOf(none) + JSON.stringify(none.json)).toMatch(/当前密码/)
    const wrong = await call('PATCH', `users/${person.id}`, { token, body: { password: 'Nw7#pass!Kx', currentPassword: 'Wrong#Pass1' } })
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.json)).toMatch(/当前密码不正确/)
    expect(Number((await row(person.id)).login_attempts)).toBe(1)
    expect((await login(person.email, 'Nw7#pass!Kx')).status).toBe(401)
    const ok = await call('PATCH', `users/${person.id}`, { token, body: { password: 'Nw7#pass!Kx', currentPassword: PASSWORD } })
    expect(ok.status, JSON.stringify(ok.json)).toBe(200)
    expect(JSON.stringify(ok.json)).not.toContain(PASSWORD)
    expect((await login(person.email, 'Nw7#pass!Kx')).status).toBe(200)
    // The administrators too: their own change needs their own password.
    const selfAdmin = await call('PATCH', `users/${auditor.id}`, { token: auditorToken, body: { password: 'Au9#ditor!Xq' } })
    expect(selfAdmin.status).toBe(400)
  })

  it('applies a new e-mail only through the single-use link sent to it, and tells the old address', async () => {
    const person = await newPerson()
    const token = await tokenOf(person.email, PASSWORD)
    const newEmail = `${unique('new')}@test.edu.cn`
    const noPassword = await call('PATCH', `users/${person.id}`, { token, body: { email: newEmail } })
    expect(noPassword.status).toBe(400)
    const res = await call('PATCH', `users/${person.id}`, { token, body: { email: newEmail, currentPassword: PASSWORD } })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json.doc.email).toBe(person.email)
    expect(res.json.doc.pendingEmail).toBe(newEmail)
    expect((await row(person.id)).email).toBe(person.email)
    // A link to the new address, a notice to the old one.
    await runMail()
    const toNew = sent.find((m) => m.to === newEmail)
    const toOld = sent.find((m) => m.to === person.email)
    expect(toNew?.html).toMatch(/confirm-email\?token=/)
    expect(toOld?.html).toMatch(/更改/)
    expect(toOld?.html).not.toMatch(/token=/)
    const raw = /token=([A-Za-z0-9_-]+)/.exec(toNew!.html)![1]
    // Stored hashed, never as sent.
    const stored = (await db().query('SELECT u::text AS t, pending_email_token_hash AS h FROM users u WHERE id = $1', [person.id])).rows[0]
    expect(stored.t).not.toContain(raw)
    expect(stored.h).toBe(createHash('sha256').update(raw).digest('hex'))
    // Signing in still takes the old address until the link is opened.
    expect((await login(newEmail, PASSWORD)).status).toBe(401)

    const bad = await call('POST', 'users/confirm-email', { body: { token: 'x'.repeat(43) } })
    expect(bad.status).toBe(400)
    const opened = await call('GET', `users/confirm-email?token=${raw}`)
    expect(opened.status).toBe(200)
    expect(opened.text).toMatch(/新邮箱已生效/)
    expect((await row(person.id)).email).toBe(newEmail)
    expect((await login(newEmail, PASSWORD)).status).toBe(200)
    // Single use.
    const again = await call('POST', 'users/confirm-email', { body: { token: raw } })
    expect(again.status).toBe(400)
    const trail = await auditRows(`document_id = $1 AND summary LIKE '%邮箱%'`, [String(person.id)])
    expect(trail.map((r) => r.summary).join(' ')).toMatch(/确认/)
  })

  it('lets a confirmation link expire', async () => {
    const person = await newPerson()
    const token = await tokenOf(person.email, PASSWORD)
    const newEmail = `${unique('late')}@test.edu.cn`
    expect((await call('PATCH', `users/${person.id}`, { token, body: { email: newEmail, currentPassword: PASSWORD } })).status).toBe(200)
    await runMail()
    const raw = /token=([A-Za-z0-9_-]+)/.exec(sent.find((m) => m.to === newEmail)!.html)![1]
    await db().query(`UPDATE users SET pending_email_expires_at = now() - interval '1 minute' WHERE id = $1`, [person.id])
    const late = await call('POST', 'users/confirm-email', { body: { token: raw } })
    expect(late.status).toBe(400)
    expect(messageOf(late)).toMatch(/过期|无效/)
    expect((await row(person.id)).email).toBe(person.email)
  })

  it('lets sysAdmin change a member’s e-mail directly, audited and told to the old address', async () => {
    const person = await newPerson()
    const newEmail = `${unique('admin-set')}@test.edu.cn`
    const res = await call('PATCH', `users/${person.id}`, { token: sysToken, body: { email: newEmail } })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect((await row(person.id)).email).toBe(newEmail)
    const rows = await auditRows(`document_id = $1 AND actor_id = $2 AND action = 'update'`, [String(person.id), sysAdmin.id])
    expect(rows.at(-1)?.changed_fields).toBe('email')
    await runMail()
    expect(sent.some((m) => m.to === person.email)).toBe(true)
  })
})

describe('F5: password changes in the audit log', () => {
  it('records every way a password is set, with the exact changed fields', async () => {
    const person = await newPerson()
    const token = await tokenOf(person.email, PASSWORD)
    // Self-service, through REST at the default depth (organisation and interests populated).
    const self = await call('PATCH', `users/${person.id}`, { token, body: { password: 'Se1f#Chg!Pw', currentPassword: PASSWORD } })
    expect(self.status, JSON.stringify(self.json)).toBe(200)
    let rows = await auditRows(`document_id = $1 AND action IN ('passwordChange', 'update')`, [String(person.id)])
    expect(rows.filter((r) => r.action === 'passwordChange').length).toBe(1)
    expect(rows.filter((r) => r.action === 'update').map((r) => r.changed_fields)).toEqual(['password'])

    // The reset link.
    await payload.forgotPassword({ collection: 'users', data: { email: person.email }, disableEmail: true })
    const t = (await db().query('SELECT reset_password_token AS t FROM users WHERE id = $1', [person.id])).rows[0].t
    expect((await call('POST', 'users/reset-password', { body: { token: t, password: 'Re5et#Lnk!Pw' } })).status).toBe(200)
    rows = await auditRows(`document_id = $1 AND action = 'passwordChange'`, [String(person.id)])
    expect(rows.length).toBe(2)

    // The set-password link of an invitation.
    const email = `${unique('invite')}@test.edu.cn`
    const invited = await payload.create({
      collection: 'users',
      data: { email, name: '受邀者', roles: ['member'], politicalStage: 'masses' },
      user: sysAdmin,
      overrideAccess: false,
      depth: 0,
    })
    const inviteToken = (await db().query('SELECT reset_password_token AS t FROM users WHERE id = $1', [invited.id])).rows[0].t
    expect((await call('POST', 'users/reset-password', { body: { token: inviteToken, password: 'Inv1te#Set!Pw' } })).status).toBe(200)
    expect((await auditRows(`document_id = $1 AND action = 'passwordChange'`, [String(invited.id)])).length).toBe(1)

    // A plain change lists exactly what changed: interests alone, compared id to id.
    const themes = await payload.find({ collection: 'themes', limit: 1, depth: 0 })
    const plain = await call('PATCH', `users/${person.id}`, {
      token: await tokenOf(person.email, 'Re5et#Lnk!Pw'),
      body: { interests: [themes.docs[0].id] },
    })
    expect(plain.status).toBe(200)
    rows = await auditRows(`document_id = $1 AND action = 'update'`, [String(person.id)])
    expect(rows.at(-1)?.changed_fields).toBe('interests')
    // A role change by securityAdmin, who sees contact details masked and no political stage.
    await call('PATCH', `users/${person.id}`, { token: secToken, body: { roles: ['member', 'courseCurator'] } })
    rows = await auditRows(`document_id = $1 AND action = 'update'`, [String(person.id)])
    expect(rows.at(-1)?.changed_fields).toBe('roles')
  })
})
