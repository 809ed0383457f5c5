import sharp from 'sharp'
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { resetRateLimits } from '../../../src/auth/rateLimit'
import { codeAt, currentCode } from '../../../src/auth/totp'
import { safeNextPath } from '../../../src/http/safeNext'
import { poolOf } from '../../../src/db/pool'
import { guardedREST } from '../../../src/validation/restGuard'
import { demoUser, personData, releasePayload, testPayload, type TestUser, unique } from '../../helpers/payload'
import { restBody, type RestBody } from '../../helpers/rest'

/**
 * Issue 13, section 3: F3 (open redirect), F6 (TOTP replay, the login page's second-factor signal)
 * and the lesser findings (lockout reveals accounts, geo operators, huge relationship lists, long
 * e-mail addresses, media of unpublished items, unaudited reads of archives and phone numbers,
 * unlimited sessions). Requests go through the same guarded REST handlers as /api/* in Next.
 */

const PASSWORD = 'Vq7#Lm2$Xr9'
const rest = guardedREST(config)

type Answer = { status: number; json: RestBody; text: string }
const call = async (
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  opts: { token?: string; body?: unknown; ip?: string } = {},
): Promise<Answer> => {
  const url = new URL(`http://localhost/api/${path}`)
  const headers: Record<string, string> = { 'x-real-ip': opts.ip ?? '10.13.0.1' }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (opts.token) headers.Authorization = `JWT ${opts.token}`
  const res = await rest[method](
    new Request(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
    {
      params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/').map(decodeURIComponent) }),
    },
  )
  const text = await res.text()
  const json = restBody(text)
  return { status: res.status, json, text }
}
const login = (email: string, password: string, extra: Record<string, unknown> = {}, ip?: string) =>
  call('POST', 'users/login', { body: { email, password, ...extra }, ip })
const messageOf = (a: Answer) => String(a.json.errors?.[0]?.message ?? a.json.message ?? '')

let payload: Payload
let securityAdmin: TestUser
let sysAdmin: TestUser

const newPerson = async (extra: Record<string, unknown> = {}) =>
  (await payload.create({
    collection: 'users',
    data: personData(unique('发现'), { password: PASSWORD, ...extra }),
    depth: 0,
  })) as unknown as {
    id: number
    email: string
    name: string
  }

const auditRows = async (where: string, values: unknown[]) =>
  (await poolOf(payload).query(`SELECT action, result, summary, actor_id, document_id FROM audit_logs WHERE ${where} ORDER BY id`, values))
    .rows

beforeAll(async () => {
  payload = await testPayload()
  ;[securityAdmin, sysAdmin] = await Promise.all([demoUser('security@demo.edu.cn'), demoUser('sysadmin@demo.edu.cn')])
})
afterAll(async () => {
  await releasePayload(payload)
})
beforeEach(() => resetRateLimits())

describe('F3: where to go after signing in', () => {
  it('is only a path on this site, after URL parsing, and never raw control or non-ASCII characters', () => {
    // Browsers drop tabs and line breaks from URLs: "/\t/host" is "//host", another site.
    expect(safeNextPath('/\t/127.0.0.1:3999/pwned')).toBe('/')
    expect(safeNextPath('/\n/127.0.0.1:3999/pwned')).toBe('/')
    expect(safeNextPath('/\r\n/evil.example')).toBe('/')
    expect(safeNextPath('/%09/127.0.0.1:3999/pwned')).toBe('/')
    expect(safeNextPath('//evil.example/x')).toBe('/')
    expect(safeNextPath('/\\evil.example')).toBe('/')
    expect(safeNextPath('https://evil.example/')).toBe('/')
    expect(safeNextPath('/login?next=/x')).toBe('/')
    expect(safeNextPath('/api/users/me')).toBe('/')
    expect(safeNextPath(['/courses', '//evil'])).toBe('/courses')
    expect(safeNextPath(undefined)).toBe('/')
    // Non-ASCII is percent-encoded (a raw one in a Location header was a 500).
    expect(safeNextPath('/search?q=党史')).toBe('/search?q=%E5%85%9A%E5%8F%B2')
    expect(safeNextPath('/courses/3?x=1#top')).toBe('/courses/3?x=1#top')
  })
})

describe('the login answer does not tell which accounts exist', () => {
  it('answers a locked account exactly like an unknown account and a wrong password', async () => {
    const person = await newPerson()
    const unknown = await login(`${unique('nobody')}@test.edu.cn`, PASSWORD, {}, '10.13.1.1')
    const wrong = await login(person.email, 'Wrong#Pass1', {}, '10.13.1.2')
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(messageOf(wrong)).toBe(messageOf(unknown))
    for (let i = 0; i < 5; i++) await login(person.email, 'Wrong#Pass1', {}, `10.13.1.${10 + i}`)
    const lockUntil = (await poolOf(payload).query('SELECT lock_until FROM users WHERE id = $1', [person.id])).rows[0].lock_until
    expect(new Date(lockUntil).getTime()).toBeGreaterThan(Date.now())
    // Locked, even with the right password: the same status and message as for nobody.
    const locked = await login(person.email, PASSWORD, {}, '10.13.1.30')
    expect(locked.status).toBe(unknown.status)
    expect(messageOf(locked)).toBe(messageOf(unknown))
    expect(JSON.stringify(locked.json)).not.toMatch(/lock|锁定了|被锁定/i)
    expect(Object.keys(locked.json).sort()).toEqual(Object.keys(unknown.json).sort())
    // The trail still knows.
    expect((await auditRows(`action = 'lockout' AND document_id = $1`, [String(person.id)])).length).toBeGreaterThan(0)
  })

  it('rate-limits an existing and an unknown account alike (429 after the same number of tries)', async () => {
    const person = await newPerson()
    const statuses = async (email: string, ip: string) => {
      const out: number[] = []
      for (let i = 0; i < 12; i++) out.push((await login(email, 'Wrong#Pass1', {}, ip)).status)
      return out
    }
    const known = await statuses(person.email, '10.13.2.1')
    resetRateLimits()
    const unknown = await statuses(`${unique('nobody')}@test.edu.cn`, '10.13.2.2')
    expect(known).toEqual(unknown)
    expect(known).toContain(429)
  })
})

describe('F6: second factor', () => {
  it('refuses a code that was already used (RFC 6238 §5.2), also when two logins race with it', async () => {
    const person = await newPerson({ roles: ['propagandaEditor'] })
    const token = (await login(person.email, PASSWORD)).json.token as string
    const secret = (await call('POST', 'users/totp/setup', { token })).json.secret as string
    const code = currentCode(secret)
    expect((await call('POST', 'users/totp/enable', { token, body: { code } })).status).toBe(200)
    // The code that enabled it cannot sign in.
    const replay = await login(person.email, PASSWORD, { totp: code })
    // Counted and answered like a wrong code: like a wrong password (before the password is checked).
    expect(replay.status).toBe(401)
    // (An unknown address sent with a code gets the very same answer: nothing tells which accounts use one.)
    expect(messageOf(replay)).toBe(messageOf(await login(`${unique('nobody')}@test.edu.cn`, PASSWORD, { totp: code })))
    // The next step's code is accepted once.
    const next = codeAt(secret, Date.now() + 30_000)
    resetRateLimits()
    const answers = await Promise.all([
      login(person.email, PASSWORD, { totp: next }, '10.13.3.1'),
      login(person.email, PASSWORD, { totp: next }, '10.13.3.2'),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401])
    expect((await login(person.email, PASSWORD, { totp: next })).status).toBe(401)
    // A replay counts toward the lockout like a wrong code.
    expect(
      Number((await poolOf(payload).query('SELECT login_attempts FROM users WHERE id = $1', [person.id])).rows[0].login_attempts),
    ).toBeGreaterThan(0)
  })

  it('tells the login page at the top level of the answer that a code or an enrolment is needed', async () => {
    const editor = await newPerson({ roles: ['propagandaEditor'] })
    const token = (await login(editor.email, PASSWORD)).json.token as string
    const secret = (await call('POST', 'users/totp/setup', { token })).json.secret as string
    expect((await call('POST', 'users/totp/enable', { token, body: { code: currentCode(secret) } })).status).toBe(200)
    const asked = await login(editor.email, PASSWORD)
    expect(asked.status).toBe(401)
    expect(asked.json.secondFactor).toBe('code')

    const auditorPerson = await newPerson({ roles: ['auditor'] })
    await payload.updateGlobal({ slug: 'security-settings', data: { requireAdminTotp: true }, user: securityAdmin, overrideAccess: false })
    try {
      const enrol = await login(auditorPerson.email, PASSWORD)
      expect(enrol.status).toBe(403)
      expect(enrol.json.secondFactor).toBe('enrol')
      expect(enrol.json.totpSetup.secret).toMatch(/^[A-Z2-7]+$/)
      expect(enrol.json.totpSetup.uri).toMatch(/^otpauth:\/\/totp\//)
      const wrong = await login(auditorPerson.email, PASSWORD, { totp: '000000' })
      expect(wrong.status).toBe(401)
      expect(wrong.json.secondFactor).toBe('enrol')
      const code = currentCode(enrol.json.totpSetup.secret)
      expect((await login(auditorPerson.email, PASSWORD, { totp: code })).status).toBe(200)
      // Enrolled: the same code does not sign in a second time.
      const again = await login(auditorPerson.email, PASSWORD, { totp: code })
      expect(again.status).toBe(401)
    } finally {
      await payload.updateGlobal({
        slug: 'security-settings',
        data: { requireAdminTotp: false },
        user: securityAdmin,
        overrideAccess: false,
      })
    }
  })
})

describe('input the API refuses with a 400 instead of a 500', () => {
  it('geographic operators on fields that are not points', async () => {
    for (const query of [
      'where[title][near]=116.4,39.9,1000,0',
      'where[title][within]=%7B%22type%22%3A%22Polygon%22%7D',
      'where[title][intersects]=1',
      'where[or][0][summary][near]=1,2',
      'where[and][0][title][within][type]=Polygon',
    ]) {
      const answer = await call('GET', `news?${query}`)
      expect(answer.status, query).toBe(400)
      expect(messageOf(answer), query).toMatch(/地理坐标/)
    }
    expect((await call('GET', 'news?where[title][like]=党史&limit=1')).status).toBe(200)
  })

  it('relationship lists beyond their limit (10,000 interests; a general cap for has-many fields)', async () => {
    const person = await newPerson({ politicalStage: 'full' })
    const token = (await login(person.email, PASSWORD)).json.token as string
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1)
    const huge = await call('PATCH', `users/${person.id}`, { token, body: { interests: ids } })
    expect(huge.status).toBe(400)
    expect(messageOf(huge) + JSON.stringify(huge.json)).toMatch(/最多选择 50 项/)
    const fiftyOne = await call('PATCH', `users/${person.id}`, { token, body: { interests: ids.slice(0, 51) } })
    expect(fiftyOne.status).toBe(400)
    const themes = (await payload.find({ collection: 'themes', limit: 3, depth: 0 })).docs.map((t) => t.id)
    expect((await call('PATCH', `users/${person.id}`, { token, body: { interests: themes } })).status).toBe(200)
    // Any has-many relationship: at most 200 in one write.
    const editorToken = (await login('editor@demo.edu.cn', 'Dangjian@2026', {}, '10.13.4.1')).json.token as string
    const news = (await payload.find({ collection: 'news', limit: 1, depth: 0 })).docs[0]
    const many = await call('PATCH', `news/${news.id}?draft=true`, { token: editorToken, body: { themes: ids.slice(0, 201) } })
    expect(many.status).toBe(400)
    expect(JSON.stringify(many.json)).toMatch(/最多选择 200 项/)
  })

  it('e-mail addresses beyond 254 characters or with a local part beyond 64', async () => {
    const sysToken = (await login('sysadmin@demo.edu.cn', 'Dangjian@2026', {}, '10.13.5.1')).json.token as string
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(48)}.cn`
    expect(long.length).toBe(295)
    const localLong = `${'x'.repeat(65)}@test.edu.cn`
    for (const email of [long, localLong, 'a..b@test.edu.cn', 'ab@-bad.cn']) {
      const answer = await call('POST', 'users', { token: sysToken, body: personData('邮箱', { email }) })
      expect(answer.status, email).toBe(400)
      expect(JSON.stringify(answer.json), email).toMatch(/邮箱/)
    }
    const fine = await call('POST', 'users', { token: sysToken, body: personData('邮箱', { email: `${'y'.repeat(64)}@test.edu.cn` }) })
    expect(fine.status).toBe(201)
    // The sign-in form's address is held to the same rules.
    expect((await login(long, PASSWORD)).status).toBe(400)
  })
})

describe('media of unpublished content', () => {
  it('are listed and served to content staff only; published content keeps its files for visitors and members', async () => {
    const editor = await demoUser('editor@demo.edu.cn')
    const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 20, b: 20 } } })
      .png()
      .toBuffer()
    const draftFile = await payload.create({
      collection: 'media',
      data: { alt: '未发布稿件的附图' },
      file: { data, name: `${unique('draft')}.png`, mimetype: 'image/png', size: data.length },
      user: editor,
      overrideAccess: false,
      depth: 0,
    })
    const memberToken = (await login('member@demo.edu.cn', 'Dangjian@2026', {}, '10.13.6.1')).json.token as string
    const editorToken = (await login('editor@demo.edu.cn', 'Dangjian@2026', {}, '10.13.6.2')).json.token as string
    const idsOf = (a: Answer) => (a.json.docs as Array<{ id: number }>).map((d) => d.id)

    const anonymous = await call('GET', 'media?limit=1000&depth=0')
    expect(anonymous.status).toBe(200)
    expect(idsOf(anonymous)).not.toContain(draftFile.id)
    expect((await call('GET', `media/${draftFile.id}`)).status).toBe(404)
    const file = await call('GET', `media/file/${encodeURIComponent(String(draftFile.filename))}`)
    expect([403, 404]).toContain(file.status)
    expect(idsOf(await call('GET', 'media?limit=1000&depth=0', { token: memberToken }))).not.toContain(draftFile.id)
    expect(idsOf(await call('GET', 'media?limit=1000&depth=0', { token: editorToken }))).toContain(draftFile.id)

    // The cover of a published news item: visitors get it, and its file.
    const pool = poolOf(payload)
    const cover = (
      await pool.query(`SELECT m.id, m.filename FROM news n JOIN media m ON m.id = n.cover_id WHERE n._status = 'published' LIMIT 1`)
    ).rows[0]
    expect(cover).toBeTruthy()
    expect(idsOf(anonymous)).toContain(Number(cover.id))
    expect((await call('GET', `media/file/${encodeURIComponent(cover.filename)}`)).status).toBe(200)
    // A published lesson's video: members get it (the lesson player), visitors do not (lessons are for members).
    const video = (
      await pool.query(
        `SELECT m.id, m.filename FROM micro_lessons l JOIN media m ON m.id = l.media_id WHERE l._status = 'published' LIMIT 1`,
      )
    ).rows[0]
    expect(video).toBeTruthy()
    expect(idsOf(await call('GET', 'media?limit=1000&depth=0', { token: memberToken }))).toContain(Number(video.id))
    expect((await call('GET', `media/file/${encodeURIComponent(video.filename)}`, { token: memberToken })).status).toBe(200)
    expect(idsOf(anonymous)).not.toContain(Number(video.id))
  })
})

const waitFor = async <T>(read: () => Promise<T[]>, timeout = 5_000): Promise<T[]> => {
  const until = Date.now() + timeout
  for (;;) {
    const rows = await read()
    if (rows.length || Date.now() > until) return rows
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe("reads of another person's data are audited", () => {
  it("a secretary reading a member's 学习档案 (JSON and Excel); the member reading their own is not", async () => {
    const [secretary, member] = await Promise.all([demoUser('secretary@demo.edu.cn'), demoUser('member@demo.edu.cn')])
    const secretaryToken = (await login('secretary@demo.edu.cn', 'Dangjian@2026', {}, '10.13.7.1')).json.token as string
    const memberToken = (await login('member@demo.edu.cn', 'Dangjian@2026', {}, '10.13.7.2')).json.token as string
    const before = Number((await poolOf(payload).query('SELECT coalesce(max(id), 0) AS id FROM audit_logs')).rows[0].id)
    expect((await call('GET', `archive/${member.id}`, { token: secretaryToken })).status).toBe(200)
    const reads = await waitFor(() =>
      auditRows(`id > $1 AND action = 'read' AND actor_id = $2 AND document_id = $3`, [before, secretary.id, String(member.id)]),
    )
    expect(reads.length).toBe(1)
    expect(reads[0].summary).toMatch(/学习档案/)
    expect((await call('GET', 'archive/me', { token: memberToken })).status).toBe(200)
    expect(await auditRows(`id > $1 AND action = 'read' AND actor_id = $2`, [before, member.id])).toEqual([])
  })

  it('anyone but the person receiving an unmasked phone number: one entry per request', async () => {
    const [secretary, member] = await Promise.all([demoUser('secretary@demo.edu.cn'), demoUser('member@demo.edu.cn')])
    await payload.update({ collection: 'users', id: member.id, data: { phone: '13812345678' }, depth: 0 })
    const secretaryToken = (await login('secretary@demo.edu.cn', 'Dangjian@2026', {}, '10.13.8.1')).json.token as string
    const memberToken = (await login('member@demo.edu.cn', 'Dangjian@2026', {}, '10.13.8.2')).json.token as string
    const before = Number((await poolOf(payload).query('SELECT coalesce(max(id), 0) AS id FROM audit_logs')).rows[0].id)
    const read = await call('GET', `users/${member.id}?depth=0`, { token: secretaryToken })
    expect(read.status).toBe(200)
    expect(read.json.phone).toBe('13812345678')
    const rows = await waitFor(() => auditRows(`id > $1 AND action = 'read' AND actor_id = $2`, [before, secretary.id]))
    expect(rows.length).toBe(1)
    expect(rows[0].summary).toMatch(/手机号/)
    expect(rows[0].document_id).toBe(String(member.id))
    expect(rows[0].summary).not.toContain('13812345678')
    // The member's own read is not audited.
    expect((await call('GET', 'users/me?depth=0', { token: memberToken })).json.user.phone).toBe('13812345678')
    await new Promise((r) => setTimeout(r, 300))
    expect(await auditRows(`id > $1 AND action = 'read' AND actor_id = $2`, [before, member.id])).toEqual([])
    await payload.update({ collection: 'users', id: member.id, data: { phone: '13900000010' }, depth: 0 })
  })
})

describe('concurrent sessions per account', () => {
  it('are limited by 安全设置 (default 5): a new login beyond it ends the oldest session', async () => {
    const settings = await payload.findGlobal({ slug: 'security-settings', depth: 0 })
    expect((settings as { maxSessionsPerAccount?: number }).maxSessionsPerAccount).toBe(5)
    const person = await newPerson()
    const sessions = async () =>
      Number((await poolOf(payload).query('SELECT count(*) AS n FROM users_sessions WHERE _parent_id = $1', [person.id])).rows[0].n)
    const tokens: string[] = []
    for (let i = 0; i < 7; i++) tokens.push((await login(person.email, PASSWORD, {}, `10.13.9.${i}`)).json.token as string)
    expect(await sessions()).toBe(5)
    const me = async (token: string) => (await call('GET', 'users/me', { token })).json.user?.id ?? null
    expect(await me(tokens[0])).toBeNull()
    expect(await me(tokens[1])).toBeNull()
    expect(await me(tokens[2])).toBe(person.id)
    expect(await me(tokens[6])).toBe(person.id)

    await payload.updateGlobal({
      slug: 'security-settings',
      data: { maxSessionsPerAccount: 2 },
      user: securityAdmin,
      overrideAccess: false,
    })
    try {
      const newest = (await login(person.email, PASSWORD, {}, '10.13.9.20')).json.token as string
      expect(await sessions()).toBe(2)
      expect(await me(tokens[5])).toBeNull()
      expect(await me(tokens[6])).toBe(person.id)
      expect(await me(newest)).toBe(person.id)
    } finally {
      await payload.updateGlobal({
        slug: 'security-settings',
        data: { maxSessionsPerAccount: 5 },
        user: securityAdmin,
        overrideAccess: false,
      })
    }
    // Only the security administrator sets it (三员分立).
    await expect(
      payload.updateGlobal({ slug: 'security-settings', data: { maxSessionsPerAccount: 50 }, user: sysAdmin, overrideAccess: false }),
    ).rejects.toThrow()
  })
})
