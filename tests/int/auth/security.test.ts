import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import ExcelJS from 'exceljs'
import { decodeJwt } from 'jose'
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { passwordProblem } from '../../../src/auth/passwordPolicy'
import { resetRateLimits } from '../../../src/auth/rateLimit'
import { ABSOLUTE_SECONDS, IDLE_SECONDS } from '../../../src/auth/sessions'
import { codeAt, currentCode } from '../../../src/auth/totp'
import { poolOf } from '../../../src/db/pool'
import {
  demoUser,
  personData,
  rejectsWithFieldError,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  unique,
} from '../../helpers/payload'
import { restBody, type RestBody } from '../../helpers/rest'

const PASSWORD = 'Vq7#Lm2$Xr9'

/** The REST handlers Next serves under /api, called in-process, from a given source address. */
const call = async (method: 'GET' | 'POST', path: string, opts: { token?: string; body?: unknown; ip?: string } = {}) => {
  const handler = (method === 'GET' ? REST_GET : REST_POST)(config)
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-real-ip': opts.ip ?? '10.0.0.1' }
  if (opts.token) headers.Authorization = `JWT ${opts.token}`
  const res = await handler(new Request(url, { method, headers, body: opts.body ? JSON.stringify(opts.body) : undefined }), {
    params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
  })
  if (res.headers.get('content-type')?.includes('spreadsheetml')) {
    return { status: res.status, json: {} as RestBody, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) }
  }
  const text = await res.text()
  const json = restBody(text)
  return { status: res.status, json, headers: res.headers, body: undefined as Buffer | undefined }
}
const login = (email: string, password: string, ip?: string) => call('POST', 'users/login', { body: { email, password }, ip })
const messageOf = (r: { json: RestBody }) => String(r.json.errors?.[0]?.message ?? r.json.message ?? '')

let payload: Payload
let sysAdmin: TestUser
let securityAdmin: TestUser

beforeAll(async () => {
  payload = await testPayload()
  ;[sysAdmin, securityAdmin] = await Promise.all([demoUser('sysadmin@demo.edu.cn'), demoUser('security@demo.edu.cn')])
})
afterAll(async () => {
  await releasePayload(payload)
})
beforeEach(() => resetRateLimits())

const newPerson = async (extra: Record<string, unknown> = {}) =>
  (await payload.create({
    collection: 'users',
    data: personData(unique('安全'), { password: PASSWORD, ...extra }),
    depth: 0,
  })) as unknown as {
    id: number
    email: string
    name: string
  }

const auditRows = async (where: string, values: unknown[]) =>
  (await poolOf(payload).query(`SELECT action, result, summary, actor_id, ip FROM audit_logs WHERE ${where} ORDER BY id`, values)).rows

describe('password policy', () => {
  it('requires 8 characters and three character classes, and refuses names and common passwords', () => {
    const account = { email: 'zhangwei@demo.edu.cn', name: '张伟', staffNumber: 'T2020001' }
    expect(passwordProblem('Ab1!', account)).toMatch(/至少 8 位/)
    expect(passwordProblem('abcdefgh12', account)).toMatch(/三类/)
    expect(passwordProblem('Zhangwei#2026', account)).toMatch(/账号名/)
    expect(passwordProblem('T2020001#Ab', account)).toMatch(/账号名/)
    expect(passwordProblem('P@ssw0rd', account)).toMatch(/常见/)
    expect(passwordProblem('Password123!', account)).toMatch(/常见/)
    expect(passwordProblem('Qwerty@2026', account)).toMatch(/常见/)
    expect(passwordProblem('Dangjian@2026', account)).toMatch(/常见/)
    expect(passwordProblem('Kx9#mT2$vq', account)).toBeNull()
    expect(passwordProblem('红旗漫卷Xi2!', account)).toBeNull()
  })

  it('is enforced on create, on a self-service change and on the reset link', async () => {
    await rejectsWithFieldError(
      payload.create({ collection: 'users', data: personData('弱密码', { password: 'abc12345' }), user: sysAdmin, overrideAccess: false }),
      /三类/,
    )
    const person = await newPerson()
    const me = { ...(await payload.findByID({ collection: 'users', id: person.id, depth: 0 })), collection: 'users' } as TestUser
    // One's own change needs the current password (src/auth/credentials.ts; tests/int/auth/credentials.test.ts).
    await rejectsWithFieldError(
      payload.update({
        collection: 'users',
        id: person.id,
        data: { password: 'Qwerty@2026', currentPassword: PASSWORD },
        user: me,
        overrideAccess: false,
      }),
      /常见/,
    )
    await payload.update({
      collection: 'users',
      id: person.id,
      data: { password: 'Hk3$wq9!Lz', currentPassword: PASSWORD },
      user: me,
      overrideAccess: false,
    })
    await payload.forgotPassword({ collection: 'users', data: { email: person.email }, disableEmail: true })
    const { rows } = await poolOf(payload).query('SELECT reset_password_token AS t FROM users WHERE id = $1', [person.id])
    const weak = await call('POST', 'users/reset-password', { body: { token: rows[0].t, password: 'password1' } })
    expect(weak.status).toBe(400)
    expect(JSON.stringify(weak.json)).toMatch(/三类|常见/)
    const ok = await call('POST', 'users/reset-password', { body: { token: rows[0].t, password: 'Nw5%tr8#Qe' } })
    expect(ok.status).toBe(200)
    expect((await login(person.email, 'Nw5%tr8#Qe')).status).toBe(200)
  })

  it('invites without a default password: the account signs in only after setting its own', async () => {
    const email = `${unique('invite')}@test.edu.cn`
    const created = await payload.create({
      collection: 'users',
      data: { email, name: '受邀者', roles: ['member'], politicalStage: 'masses' },
      user: sysAdmin,
      overrideAccess: false,
      depth: 0,
    })
    const { rows } = await poolOf(payload).query('SELECT must_set_password AS m, reset_password_token AS t FROM users WHERE id = $1', [
      created.id,
    ])
    expect(rows[0].m).toBe(true)
    expect(rows[0].t).toBeTruthy()
    const refused = await login(email, 'anything-At1!')
    expect(refused.status).toBe(401)
    const set = await call('POST', 'users/reset-password', { body: { token: rows[0].t, password: 'Ym4&kd7!Rs' } })
    expect(set.status).toBe(200)
    expect((await poolOf(payload).query('SELECT must_set_password AS m FROM users WHERE id = $1', [created.id])).rows[0].m).toBe(false)
    expect((await login(email, 'Ym4&kd7!Rs')).status).toBe(200)
  })
})

describe('login failures and lockout', () => {
  it('answers the same for an unknown account and a wrong password, and records both', async () => {
    const person = await newPerson()
    const unknown = await login(`${unique('nobody')}@test.edu.cn`, PASSWORD, '10.1.0.1')
    const wrong = await login(person.email, 'Wrong#Pass99', '10.1.0.1')
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(messageOf(unknown)).toBe(messageOf(wrong))
    const rows = await auditRows(`action = 'loginFailed' AND ip = $1`, ['10.1.0.1'])
    expect(rows.map((r) => r.result)).toEqual(['failure', 'failure'])
    expect(rows[1].actor_id).toBe(person.id)
    // No secrets in the trail: neither password appears anywhere in it.
    const leaked = await poolOf(payload).query(
      `SELECT count(*)::int AS n FROM audit_logs a WHERE a::text LIKE '%Wrong#Pass99%' OR a::text LIKE $1`,
      [`%${PASSWORD}%`],
    )
    expect(leaked.rows[0].n).toBe(0)
  })

  it('locks the account after 5 failures, also under 100 parallel bad attempts', async () => {
    const person = await newPerson()
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login(person.email, `Bad#guess${i}`, `10.2.${i}.1`)))
    // Every answer is a refusal: wrong password, locked, or rate limited — never a session, never a 500.
    expect(answers.every((a) => [401, 429].includes(a.status))).toBe(true)
    expect(answers.some((a) => a.status === 429)).toBe(true)
    const { rows } = await poolOf(payload).query('SELECT login_attempts, lock_until FROM users WHERE id = $1', [person.id])
    expect(Number(rows[0].login_attempts)).toBeGreaterThanOrEqual(5)
    const lockedFor = (new Date(rows[0].lock_until).getTime() - Date.now()) / 60_000
    expect(lockedFor).toBeGreaterThan(14)
    expect(lockedFor).toBeLessThanOrEqual(15)
    // The right password is refused while locked (Local API: no rate limit in the way).
    await expect(payload.login({ collection: 'users', data: { email: person.email, password: PASSWORD } })).rejects.toThrow()
    const sessions = await poolOf(payload).query('SELECT count(*)::int AS n FROM users_sessions WHERE _parent_id = $1', [person.id])
    expect(sessions.rows[0].n).toBe(0)
    expect((await auditRows(`action = 'lockout' AND document_id = $1`, [String(person.id)])).length).toBeGreaterThan(0)
  })
})

describe('rate limits', () => {
  it('answer 429 per address on login, and per account on password reset', async () => {
    let status = 0
    for (let i = 0; i < 61 && status !== 429; i++) status = (await login(`${unique('flood')}@test.edu.cn`, PASSWORD, '10.3.0.1')).status
    expect(status).toBe(429)
    // Another address is not affected.
    expect((await login(`${unique('other')}@test.edu.cn`, PASSWORD, '10.3.0.2')).status).toBe(401)
    const person = await newPerson()
    const forgot = []
    for (let i = 0; i < 4; i++)
      forgot.push((await call('POST', 'users/forgot-password', { body: { email: person.email }, ip: `10.4.0.${i}` })).status)
    expect(forgot.slice(0, 3).every((s) => s === 200)).toBe(true)
    expect(forgot[3]).toBe(429)
  })
})

describe('sessions', () => {
  it('expire after 30 idle minutes and never outlive 12 hours; logout and disabling revoke them at once', async () => {
    const person = await newPerson()
    const first = await login(person.email, PASSWORD)
    expect(first.status).toBe(200)
    const token = first.json.token as string
    const claims = decodeJwt(token)
    expect(claims.exp! - claims.iat!).toBe(IDLE_SECONDS)
    // Cookie: HttpOnly and SameSite.
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(first.headers.get('set-cookie')).toMatch(/SameSite/i)

    // Activity renews the token; a session started 11 h 50 min ago gets at most 10 more minutes.
    await poolOf(payload).query(`UPDATE users_sessions SET created_at = now() - interval '11 hours 50 minutes' WHERE id = $1`, [claims.sid])
    const refreshed = await call('POST', 'users/refresh-token', { token })
    expect(refreshed.status).toBe(200)
    const again = decodeJwt(refreshed.json.refreshedToken)
    expect(again.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600)
    expect(again.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(500)
    await poolOf(payload).query(`UPDATE users_sessions SET created_at = now() - make_interval(secs => $2) WHERE id = $1`, [
      claims.sid,
      ABSOLUTE_SECONDS + 1,
    ])
    const tooOld = await call('POST', 'users/refresh-token', { token })
    expect(tooOld.status).toBe(401)
    expect(messageOf(tooOld)).toMatch(/12 小时/)

    // Logout ends the session on the server: the same token no longer authenticates.
    const second = await login(person.email, PASSWORD)
    const t2 = second.json.token as string
    expect((await call('GET', 'users/me', { token: t2 })).json.user?.id).toBe(person.id)
    expect((await call('POST', 'users/logout', { token: t2 })).status).toBe(200)
    expect((await call('GET', 'users/me', { token: t2 })).json.user).toBeFalsy()

    // Disabling the account ends every session at once.
    const third = await login(person.email, PASSWORD)
    const t3 = third.json.token as string
    await payload.update({ collection: 'users', id: person.id, data: { active: false }, user: sysAdmin, overrideAccess: false })
    expect((await call('GET', 'users/me', { token: t3 })).json.user).toBeFalsy()
    const left = await poolOf(payload).query('SELECT count(*)::int AS n FROM users_sessions WHERE _parent_id = $1', [person.id])
    expect(left.rows[0].n).toBe(0)
    const trail = await auditRows(`document_id = $1 AND action IN ('login', 'logout', 'sessionRevoked')`, [String(person.id)])
    expect(trail.map((r) => r.action)).toEqual(expect.arrayContaining(['login', 'logout', 'sessionRevoked']))
  })
})

describe('audit log', () => {
  it('is append-only in the database itself, whatever the code does', async () => {
    const pool = poolOf(payload)
    const { rows } = await pool.query('SELECT id, summary FROM audit_logs ORDER BY id LIMIT 1')
    await expect(pool.query(`UPDATE audit_logs SET summary = 'tampered' WHERE id = $1`, [rows[0].id])).rejects.toThrow(/只能追加/)
    await expect(pool.query('DELETE FROM audit_logs WHERE id = $1', [rows[0].id])).rejects.toThrow(/只能追加/)
    // TRUNCATE is refused too (the foreign keys refuse it even before the trigger does).
    await expect(pool.query('TRUNCATE audit_logs')).rejects.toThrow()
    await expect(pool.query('TRUNCATE audit_logs CASCADE')).rejects.toThrow(/只能追加/)
    expect((await pool.query('SELECT summary FROM audit_logs WHERE id = $1', [rows[0].id])).rows[0].summary).toBe(rows[0].summary)
  })

  it('keeps the entries of a deleted person, with the name snapshot', async () => {
    const person = await newPerson({ roles: ['member'] })
    // Failed logins are recorded with the person as actor (a successful one would also award points,
    // whose rows must go before a person can be deleted).
    expect((await login(person.email, 'Wrong#Pass99', '10.1.9.1')).status).toBe(401)
    expect((await login(person.email, 'Wrong#Pass98', '10.1.9.1')).status).toBe(401)
    const before = await auditRows('actor_id = $1', [person.id])
    expect(before.length).toBeGreaterThan(0)
    await payload.delete({ collection: 'users', id: person.id, user: sysAdmin, overrideAccess: false })
    const after = (
      await poolOf(payload).query('SELECT count(*)::int AS n FROM audit_logs WHERE actor_name = $1 AND actor_id IS NULL', [person.name])
    ).rows[0].n
    expect(after).toBe(before.length)
  })

  it('records role changes and access denials on personal data', async () => {
    const person = await newPerson()
    await payload.update({
      collection: 'users',
      id: person.id,
      data: { roles: ['member', 'courseCurator'] },
      user: securityAdmin,
      overrideAccess: false,
    })
    const roles = await auditRows(`action = 'roleChange' AND document_id = $1`, [String(person.id)])
    expect(roles[0].summary).toMatch(/courseCurator/)
    const memberLogin = await login('member@demo.edu.cn', 'Dangjian@2026', '10.5.0.1')
    const denied = await call('GET', 'audit-logs', { token: memberLogin.json.token, ip: '10.5.0.1' })
    expect(denied.status).toBe(403)
    const rows = await auditRows(`action = 'accessDenied' AND ip = $1`, ['10.5.0.1'])
    expect(rows.at(-1)?.summary).toMatch(/audit-logs/)
    expect(rows.at(-1)?.result).toBe('denied')
  })
})

describe('phone numbers', () => {
  it('are encrypted at rest with a key id, shown in full only to those entitled, masked to others', async () => {
    const person = await newPerson({ phone: '13712345678' })
    const { rows } = await poolOf(payload).query('SELECT phone FROM users WHERE id = $1', [person.id])
    expect(rows[0].phone).toMatch(/^enc:v1:[A-Za-z0-9_-]+:/)
    expect(rows[0].phone).not.toContain('13712345678')
    // The seeded people were encrypted by the migration as well.
    const plain = await poolOf(payload).query(`SELECT count(*)::int AS n FROM users WHERE phone ~ '^1[3-9][0-9]{9}$'`)
    expect(plain.rows[0].n).toBe(0)
    const me = { ...(await payload.findByID({ collection: 'users', id: person.id, depth: 0 })), collection: 'users' } as TestUser
    expect((await payload.findByID({ collection: 'users', id: person.id, user: me, overrideAccess: false })).phone).toBe('13712345678')
    expect((await payload.findByID({ collection: 'users', id: person.id, user: sysAdmin, overrideAccess: false })).phone).toBe(
      '13712345678',
    )
    expect((await payload.findByID({ collection: 'users', id: person.id, user: securityAdmin, overrideAccess: false })).phone).toBe(
      '137****5678',
    )
    // Saving the masked form back changes nothing; a new number is encrypted again.
    await payload.update({
      collection: 'users',
      id: person.id,
      data: { phone: '137****5678', name: '改名' },
      user: sysAdmin,
      overrideAccess: false,
    })
    expect((await payload.findByID({ collection: 'users', id: person.id, user: me, overrideAccess: false })).phone).toBe('13712345678')
    await rejectsWithStatus(
      payload.update({ collection: 'users', id: person.id, data: { phone: '137****0000' }, user: me, overrideAccess: false }),
      400,
    )
  })
})

describe("the auditor's view of the trail", () => {
  it('exports the filtered trail to Excel for the auditor alone, and records the export', async () => {
    const ip = '10.6.0.1'
    await login(`${unique('ghost')}@test.edu.cn`, PASSWORD, ip)
    const auditor = await login('auditor@demo.edu.cn', 'Dangjian@2026', '10.6.0.2')
    const res = await call('GET', `audit-logs/export?action=loginFailed&q=${ip}`, { token: auditor.json.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(res.body!).buffer)
    const sheet = book.worksheets[0]
    const rows: string[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    // Title, header (eachRow skips the empty line between them), then the data.
    const data = rows.slice(2)
    expect(data).toHaveLength(1)
    expect(data[0][0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00$/)
    expect(data[0][2]).toBe('登录失败')
    expect(data[0][8]).toBe(ip)
    for (const who of ['sysadmin', 'security']) {
      const t = (await login(`${who}@demo.edu.cn`, 'Dangjian@2026', '10.6.0.3')).json.token
      expect((await call('GET', 'audit-logs/export', { token: t })).status).toBe(403)
    }
    expect((await call('GET', 'audit-logs/export?from=yesterday', { token: auditor.json.token })).status).toBe(400)
    expect((await call('GET', 'audit-logs/export?action=drop', { token: auditor.json.token })).status).toBe(400)
    const exports = await auditRows(`action = 'export' AND target_collection = 'audit-logs'`, [])
    expect(exports.length).toBeGreaterThan(0)
  })
})

describe('second factor (TOTP)', () => {
  it('is optional for staff, then asked at every login; wrong codes count toward the lockout', async () => {
    const person = await newPerson({ roles: ['propagandaEditor'] })
    const first = await login(person.email, PASSWORD)
    const token = first.json.token as string
    const setup = await call('POST', 'users/totp/setup', { token })
    expect(setup.status).toBe(200)
    expect(setup.json.uri).toMatch(/^otpauth:\/\/totp\//)
    expect((await call('POST', 'users/totp/enable', { token, body: { code: '000000' } })).status).toBe(400)
    expect((await call('POST', 'users/totp/enable', { token, body: { code: currentCode(setup.json.secret) } })).status).toBe(200)
    const stored = (await poolOf(payload).query('SELECT totp_enabled, totp_secret FROM users WHERE id = $1', [person.id])).rows[0]
    expect(stored.totp_enabled).toBe(true)
    expect(stored.totp_secret).toMatch(/^enc:v1:/)

    const noCode = await login(person.email, PASSWORD)
    expect(noCode.status).toBe(401)
    expect(messageOf(noCode)).toMatch(/动态口令/)
    const wrong = await call('POST', 'users/login', { body: { email: person.email, password: PASSWORD, totp: '123456' } })
    expect(wrong.status).toBe(401)
    expect(
      Number((await poolOf(payload).query('SELECT login_attempts FROM users WHERE id = $1', [person.id])).rows[0].login_attempts),
    ).toBeGreaterThan(0)
    // The code that enabled it is used up (one use per step): the next step's code, inside the window.
    const right = await call('POST', 'users/login', {
      body: { email: person.email, password: PASSWORD, totp: codeAt(setup.json.secret, Date.now() + 30_000) },
    })
    expect(right.status).toBe(200)
    // A member has no second factor to set up.
    const member = await login('member@demo.edu.cn', 'Dangjian@2026', '10.7.0.1')
    expect((await call('POST', 'users/totp/setup', { token: member.json.token })).status).toBe(403)
  })

  it('is required for the three administrators when the security settings say so: enrolment at login', async () => {
    const auditorPerson = await newPerson({ roles: ['auditor'] })
    await payload.updateGlobal({ slug: 'security-settings', data: { requireAdminTotp: true }, user: securityAdmin, overrideAccess: false })
    try {
      const refused = await login(auditorPerson.email, PASSWORD)
      expect(refused.status).toBe(403)
      const offered = refused.json.errors[0].data.totpSetup
      expect(offered.uri).toMatch(/^otpauth:/)
      // Other staff are not concerned.
      const editor = await newPerson({ roles: ['propagandaEditor'] })
      expect((await login(editor.email, PASSWORD)).status).toBe(200)
      const enrolled = await call('POST', 'users/login', {
        body: { email: auditorPerson.email, password: PASSWORD, totp: currentCode(offered.secret) },
      })
      expect(enrolled.status).toBe(200)
      const token = enrolled.json.token as string
      expect((await call('POST', 'users/totp/disable', { token, body: { code: currentCode(offered.secret) } })).status).toBe(409)
      const settingsAudit = await auditRows(`action = 'settingsChange'`, [])
      expect(settingsAudit.length).toBeGreaterThan(0)
    } finally {
      await payload.updateGlobal({
        slug: 'security-settings',
        data: { requireAdminTotp: false },
        user: securityAdmin,
        overrideAccess: false,
      })
    }
    // sysAdmin may not change the security settings (三员分立).
    await rejectsWithStatus(
      payload.updateGlobal({ slug: 'security-settings', data: { requireAdminTotp: true }, user: sysAdmin, overrideAccess: false }),
      403,
    )
  })
})

describe('rate limits on study and quizzes', () => {
  it('answer 429 to a member flooding heartbeats or quiz starts, per account', async () => {
    const person = await newPerson({ politicalStage: 'full' })
    const token = (await login(person.email, PASSWORD)).json.token as string
    const headers = new Headers({ Authorization: `JWT ${token}`, 'x-real-ip': '10.8.0.1', 'Content-Type': 'application/json' })
    const { heartbeatRoute } = await import('../../../src/study/http')
    const { callFast } = await import('../../helpers/routes')
    const statuses: number[] = []
    for (let i = 0; i < 31; i++)
      statuses.push(
        (
          await callFast(
            heartbeatRoute,
            payload,
            headers,
            JSON.stringify({
              collection: 'micro-lessons',
              id: 999999,
              event: 'heartbeat',
              position: i,
              beatId: `flood-${i}-${Date.now()}`,
            }),
          )
        ).status,
      )
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true)
    expect(statuses[30]).toBe(429)
    let quiz = 0
    for (let i = 0; i < 21 && quiz !== 429; i++)
      quiz = (await call('POST', 'quiz-attempts/start', { token, body: { quizId: 999999 }, ip: '10.8.0.2' })).status
    expect(quiz).toBe(429)
  })
})

describe('deleting people', () => {
  it('refuses, with the way out, to delete a person who has learning records', async () => {
    const person = await newPerson({ politicalStage: 'full' })
    expect((await login(person.email, PASSWORD, '10.1.10.1')).status).toBe(200)
    // The daily login point is written just after the login answers.
    for (let i = 0; i < 50; i++) {
      if ((await poolOf(payload).query('SELECT 1 FROM points_ledger WHERE member_id = $1', [person.id])).rowCount) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const error = await rejectsWithStatus(
      payload.delete({ collection: 'users', id: person.id, user: sysAdmin, overrideAccess: false }),
      409,
    )
    expect(error.message).toMatch(/停用账号|个人信息删除申请/)
    expect(await payload.findByID({ collection: 'users', id: person.id, depth: 0 })).toBeTruthy()
  })
})
