import { createServer, type Server } from 'http'
import type { AddressInfo } from 'net'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { closePayload } from '../../../src/db/migrate'
import { poolOf } from '../../../src/db/pool'
import { signOnSettings } from '../../../src/signon/settings'
import { guardedREST } from '../../../src/validation/restGuard'
import { personData, testPayload, unique } from '../../helpers/payload'
import { startCasServer, startOidcProvider } from '../../helpers/signon'

/**
 * 统一身份认证 (issue 18). Properties:
 *  - a campus identity signs in only as the person whose staff/student number the provider vouches
 *    for, after every check of the protocol (PKCE, state, nonce, ID token; CAS ticket once, for this
 *    service only); nothing else opens a session;
 *  - the session is the one a password login makes (a session row, the 12-hour cap, revocable);
 *  - unknown and disabled people are refused in words; an unknown person gets a 群众 account only when
 *    the setting allows it; a second-factor account keeps its password and 动态口令;
 *  - CAS single logout ends exactly the session its ticket opened; sign-on, refusals and logouts are audited;
 *  - password login can be switched off per role.
 * Against a real OpenID provider (oidc-provider) and a CAS 3.0 server following the specification.
 */
let payload: Payload
let oidc: Awaited<ReturnType<typeof startOidcProvider>>
let cas: Awaited<ReturnType<typeof startCasServer>>
let base: string
/** The platform's address as the provider's back channel reaches it: real HTTP into the in-process handler. */
let backChannel: Server
const saved: Record<string, string | undefined> = {}
const ENV = [
  'SIGNON_OIDC_ISSUER',
  'SIGNON_OIDC_CLIENT_ID',
  'SIGNON_OIDC_CLIENT_SECRET',
  'SIGNON_OIDC_CLAIM',
  'SIGNON_CAS_URL',
  'SIGNON_CAS_ATTRIBUTE',
  'SIGNON_ALLOW_HTTP',
  'SIGNON_CREATE_MASSES',
  'SIGNON_HELP',
]

/** The platform, called in-process like the Next route does (behind the same input guard). */
const rest = guardedREST(config)
const app = async (
  url: string,
  init: { method?: 'GET' | 'POST'; cookie?: string; body?: BodyInit; headers?: Record<string, string> } = {},
) => {
  const u = new URL(url, base)
  const handler = init.method === 'POST' ? rest.POST : rest.GET
  return handler(
    new Request(u, {
      method: init.method ?? 'GET',
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
      body: init.body,
    }),
    {
      params: Promise.resolve({ slug: u.pathname.replace(/^\/api\//, '').split('/') }),
    },
  )
}
const cookiesOf = (res: Response) =>
  Object.fromEntries(
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0].split('='))
      .map(([k, ...v]) => [k, v.join('=')]),
  )
const jar = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ')

/**
 * A browser going through a campus sign-on: the platform sends it to the campus, the campus (where
 * the test chose who signs in) sends it back; returns the platform's answer to the callback.
 */
const browse = async (method: 'oidc' | 'cas', next = '/me', tamper?: (callback: URL) => URL | null) => {
  const start = await app(`/api/users/signon/${method}?next=${encodeURIComponent(next)}`)
  expect(start.status).toBe(302)
  const appCookies = cookiesOf(start)
  const campusCookies: Record<string, string> = {}
  let location = new URL(start.headers.get('location')!)
  for (let hops = 0; !location.href.startsWith(base) && hops < 10; hops++) {
    const res = await fetch(location, { redirect: 'manual', headers: { cookie: jar(campusCookies) } })
    Object.assign(campusCookies, cookiesOf(res))
    expect([302, 303], `${location.href} answered ${res.status}: ${await res.clone().text()}`).toContain(res.status)
    location = new URL(res.headers.get('location')!, location)
  }
  const callback = tamper ? tamper(location) : location
  // A tamper that returns null stops here: the callback address, never delivered by this browser.
  if (!callback) return { res: null as unknown as Response, callback: location, appCookies, campusCookies, token: undefined }
  const res = await app(callback.pathname + callback.search, { cookie: jar(appCookies) })
  return { res, callback, appCookies, campusCookies, token: cookiesOf(res)['payload-token'] as string | undefined }
}
const me = async (token: string) =>
  ((await (await app('/api/users/me?depth=0', { headers: { Authorization: `JWT ${token}` } })).json()) as { user: { id: number } | null })
    .user
const auditSince = async (since: Date, userId?: number) =>
  (
    await poolOf(payload).query<{ action: string; result: string; summary: string }>(
      `SELECT action::text, result::text, summary FROM audit_logs WHERE created_at >= $1 ${userId ? 'AND document_id = $2' : ''} ORDER BY id`,
      userId ? [since, String(userId)] : [since],
    )
  ).rows
const sessionsOf = async (userId: number) =>
  (await poolOf(payload).query<{ id: string }>('SELECT id FROM users_sessions WHERE _parent_id = $1', [userId])).rows.map((r) => r.id)
const person = async (extra: Record<string, unknown> = {}) => {
  const number = unique('2026')
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 20)
  const p = await payload.create({
    collection: 'users',
    data: personData(unique('校园用户'), { staffNumber: number, politicalStage: 'full', ...extra }),
  })
  return { id: Number(p.id), number, email: String(p.email) }
}

beforeAll(async () => {
  payload = await testPayload()
  for (const k of ENV) saved[k] = process.env[k]
  base = signOnSettings().base
  backChannel = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const answer = await app(req.url ?? '/', {
        method: 'POST',
        headers: { 'Content-Type': String(req.headers['content-type'] ?? '') },
        body: Buffer.concat(chunks).toString(),
      })
      res.writeHead(answer.status).end(await answer.text())
    })
  })
  await new Promise<void>((resolve) => backChannel.listen(0, '127.0.0.1', resolve))
  const backChannelUri = `http://127.0.0.1:${(backChannel.address() as AddressInfo).port}/api/users/signon/oidc/backchannel-logout`
  oidc = await startOidcProvider({
    clientId: 'dangjian-test',
    clientSecret: 'campus-secret-for-tests',
    redirectUri: `${base}/api/users/signon/oidc/callback`,
    backchannelLogoutUri: backChannelUri,
  })
  cas = await startCasServer()
  Object.assign(process.env, {
    SIGNON_OIDC_ISSUER: oidc.issuer,
    SIGNON_OIDC_CLIENT_ID: 'dangjian-test',
    SIGNON_OIDC_CLIENT_SECRET: 'campus-secret-for-tests',
    SIGNON_OIDC_CLAIM: 'employee_number',
    SIGNON_CAS_URL: cas.url,
    SIGNON_CAS_ATTRIBUTE: 'employeeNumber',
    SIGNON_ALLOW_HTTP: '1',
    SIGNON_HELP: '请联系党委组织部（电话 6666）开通账号。',
  })
}, 180_000)
afterAll(async () => {
  for (const k of ENV)
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  await oidc?.stop()
  await cas?.stop()
  await new Promise((resolve) => backChannel?.close(resolve))
  await closePayload(payload)
})

describe('OpenID Connect', () => {
  it('signs in the person the campus vouches for with the session a password login makes; logout ends it and points to the campus logout', async () => {
    const p = await person()
    // The campus subject is not the number: the setting names the claim that carries it.
    oidc.accounts.set('campus-uid-1', {
      sub: 'campus-uid-1',
      claims: { employee_number: p.number, name: '校园用户', email: p.email, email_verified: true },
    })
    oidc.as('campus-uid-1')
    const since = new Date()
    const { res, token } = await browse('oidc', '/me')
    expect(res.status, await res.clone().text()).toBe(302)
    expect(res.headers.get('location')).toBe('/me')
    expect(token).toBeTruthy()
    expect((await me(token!))?.id).toBe(p.id)
    const sessions = await sessionsOf(p.id)
    expect(sessions).toHaveLength(1)
    // The same 12-hour cap as a password session: a session begun 13 hours ago is not renewed.
    await poolOf(payload).query(`UPDATE users_sessions SET created_at = now() - interval '13 hours' WHERE _parent_id = $1`, [p.id])
    const refresh = await app('/api/users/refresh-token', { method: 'POST', headers: { Authorization: `JWT ${token}` } })
    expect(refresh.status).toBe(401)
    await poolOf(payload).query(`UPDATE users_sessions SET created_at = now() WHERE _parent_id = $1`, [p.id])
    const out = await app('/api/users/signon/logout', { method: 'POST', headers: { Authorization: `JWT ${token}` } })
    expect(out.status).toBe(200)
    const { redirect } = (await out.json()) as { redirect: string }
    expect(redirect.startsWith(`${oidc.issuer}/session/end`)).toBe(true)
    expect(await sessionsOf(p.id)).toHaveLength(0)
    expect(await me(token!)).toBeNull()
    const trail = await auditSince(since, p.id)
    expect(trail.map((r) => r.action)).toEqual(expect.arrayContaining(['login', 'logout']))
    expect(trail.find((r) => r.action === 'login')?.summary).toContain('统一身份认证·OIDC')
    expect(trail.find((r) => r.action === 'logout')?.summary).toContain('统一身份认证·OIDC')
  })

  it('refuses a callback whose state was changed, or that arrives without the sign-on this browser began; no session is made', async () => {
    const p = await person()
    oidc.accounts.set('campus-uid-2', { sub: 'campus-uid-2', claims: { employee_number: p.number } })
    oidc.as('campus-uid-2')
    const since = new Date()
    const tampered = await browse('oidc', '/', (u) => {
      u.searchParams.set('state', 'forged-state')
      return u
    })
    expect(tampered.res.status).toBe(400)
    expect(await tampered.res.text()).toContain('未能确认您的身份')
    // Login CSRF: a code delivered to a browser that did not begin this sign-on.
    const { callback } = await browse('oidc', '/', () => null)
    const foreign = await app(callback.pathname + callback.search)
    expect(foreign.status).toBe(400)
    expect(await foreign.text()).toContain('不是从本平台发起')
    expect(await sessionsOf(p.id)).toHaveLength(0)
    expect((await auditSince(since)).some((r) => r.action === 'loginFailed' && r.summary.includes('OIDC'))).toBe(true)
  })

  it('refuses an unknown number with whom to ask, unless 群众 accounts may be opened; refuses a disabled person and a second-factor account', async () => {
    oidc.accounts.set('campus-stranger', {
      sub: 'campus-stranger',
      claims: { employee_number: 'S20269999', name: '新同学', email: 'stranger@test.edu.cn', email_verified: true },
    })
    oidc.as('campus-stranger')
    const since = new Date()
    const refused = await browse('oidc')
    expect(refused.res.status).toBe(403)
    expect(await refused.res.text()).toContain('请联系党委组织部（电话 6666）开通账号')
    expect(refused.token).toBeUndefined()
    expect((await payload.find({ collection: 'users', where: { staffNumber: { equals: 'S20269999' } }, depth: 0 })).totalDocs).toBe(0)
    expect(
      (await auditSince(since)).some((r) => r.action === 'loginFailed' && r.result === 'denied' && r.summary.includes('S20269999')),
    ).toBe(true)

    process.env.SIGNON_CREATE_MASSES = '1'
    try {
      const opened = await browse('oidc')
      expect(opened.res.status).toBe(302)
      const created = (await payload.find({ collection: 'users', where: { staffNumber: { equals: 'S20269999' } }, depth: 0 })).docs[0]
      expect(created).toMatchObject({ name: '新同学', politicalStage: 'masses', roles: ['member'], email: 'stranger@test.edu.cn' })
      expect((await me(opened.token!))?.id).toBe(created.id)
      // The next sign-on finds the same account: no second one.
      await browse('oidc')
      expect((await payload.find({ collection: 'users', where: { staffNumber: { equals: 'S20269999' } }, depth: 0 })).totalDocs).toBe(1)
    } finally {
      delete process.env.SIGNON_CREATE_MASSES
    }

    /** A known person the campus vouches for, refused with these words and no session. */
    const refusedAs = async (p: Awaited<ReturnType<typeof person>>, words: string) => {
      oidc.accounts.set(`campus-${p.number}`, { sub: `campus-${p.number}`, claims: { employee_number: p.number } })
      oidc.as(`campus-${p.number}`)
      const r = await browse('oidc')
      expect(r.res.status).toBe(403)
      expect(await r.res.text()).toContain(words)
      expect(await sessionsOf(p.id)).toHaveLength(0)
    }
    await refusedAs(await person({ active: false }), '已停用')
    const guarded = await person()
    await payload.db.updateOne({ collection: 'users', id: guarded.id, data: { totpEnabled: true }, returning: false })
    await refusedAs(guarded, '动态口令')
  })
  it('a back-channel logout from the campus ends the session it opened and no other; forged or malformed logout tokens end nothing', async () => {
    const p = await person()
    oidc.accounts.set('campus-uid-bc', { sub: 'campus-uid-bc', claims: { employee_number: p.number } })
    oidc.as('campus-uid-bc')
    const since = new Date()
    const first = await browse('oidc')
    expect(first.res.status, await first.res.clone().text()).toBe(302)
    // The same person on another device: another campus session, which the first logout must leave alone.
    const second = await browse('oidc')
    expect(await sessionsOf(p.id)).toHaveLength(2)

    const post = (logout_token: string) =>
      app('/api/users/signon/oidc/backchannel-logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token }).toString(),
      })
    const event = { 'http://schemas.openid.net/event/backchannel-logout': {} }
    // Signed by someone else, for another client, without the event, with a nonce (an ID token
    // replayed as a logout), naming nobody, or too old: 400, and both sessions stay.
    const { generateKeyPair, SignJWT } = await import('jose')
    const stranger = (await generateKeyPair('RS256')).privateKey
    const forged = await new SignJWT({ iss: oidc.issuer, aud: 'dangjian-test', sub: 'campus-uid-bc', events: event, jti: 'x1' })
      .setIssuedAt()
      .setProtectedHeader({ alg: 'RS256', kid: 'campus-key-1' })
      .sign(stranger)
    const bad = [
      forged,
      await oidc.signLogoutToken({ sub: 'campus-uid-bc', events: event, aud: 'another-client' }),
      await oidc.signLogoutToken({ sub: 'campus-uid-bc' }),
      await oidc.signLogoutToken({ sub: 'campus-uid-bc', events: event, nonce: 'n' }),
      await oidc.signLogoutToken({ events: event }),
      await oidc.signLogoutToken({ sub: 'campus-uid-bc', events: event, iat: Math.floor(Date.now() / 1000) - 3600 }),
      'not-a-jwt',
    ]
    for (const token of bad) {
      const res = await post(token)
      expect(res.status, token.slice(0, 40)).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request')
    }
    expect(await sessionsOf(p.id)).toHaveLength(2)

    // The person signs out at the campus in the first browser: the provider tells the platform
    // over the back channel, naming that browser's provider session.
    expect([302, 303]).toContain(await oidc.signOutAtCampus(jar(first.campusCookies)))
    expect(oidc.backchannelErrors).toEqual([])
    expect(await me(first.token!)).toBeNull()
    expect((await me(second.token!))?.id).toBe(p.id)
    expect(await sessionsOf(p.id)).toHaveLength(1)
    // A logout token naming only the subject ends every campus session of that person.
    expect((await post(await oidc.signLogoutToken({ sub: 'campus-uid-bc', events: event }))).status).toBe(200)
    expect(await me(second.token!)).toBeNull()
    expect(await sessionsOf(p.id)).toHaveLength(0)
    const trail = await auditSince(since)
    expect(trail.filter((r) => r.action === 'logout' && r.summary.includes('统一身份认证（OIDC）单点退出'))).toHaveLength(2)
    expect(trail.filter((r) => r.action === 'loginFailed' && r.summary.includes('后台退出通知无效')).length).toBe(bad.length)
  })
})

describe('CAS 3.0', () => {
  it('validates the ticket once for this service, signs the person in, and single logout ends exactly that session', async () => {
    const p = await person()
    cas.accounts.set('caslogin1', { employeeNumber: p.number, cn: '校园用户' })
    cas.as('caslogin1')
    const since = new Date()
    const first = await browse('cas', '/courses')
    expect(first.res.status, await first.res.clone().text()).toBe(302)
    expect(first.res.headers.get('location')).toBe('/courses')
    const ticket = first.callback.searchParams.get('ticket')!
    expect((await me(first.token!))?.id).toBe(p.id)
    // A second session (say, on the phone) that the campus logout must leave alone.
    const second = await browse('cas')
    expect(await sessionsOf(p.id)).toHaveLength(2)

    // Replaying a used ticket (with a fresh sign-on cookie) is refused by the CAS server and here.
    const again = await app(`/api/users/signon/cas`)
    const replay = await app(first.callback.pathname + first.callback.search, { cookie: jar(cookiesOf(again)) })
    expect(replay.status).toBe(403)
    expect(await replay.text()).toContain('票据无效或已过期')
    expect(await sessionsOf(p.id)).toHaveLength(2)

    const slo = await app('/api/users/signon/cas/callback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logoutRequest: cas.logoutRequest(ticket) }).toString(),
    })
    expect(slo.status).toBe(200)
    expect(await me(first.token!)).toBeNull()
    expect((await me(second.token!))?.id).toBe(p.id)
    expect(await sessionsOf(p.id)).toHaveLength(1)
    const trail = await auditSince(since, p.id)
    expect(trail.filter((r) => r.action === 'login').every((r) => r.summary.includes('统一身份认证·CAS'))).toBe(true)
    expect(trail.some((r) => r.action === 'logout' && r.summary.includes('单点退出'))).toBe(true)
  })

  it('refuses a ticket issued for another service, and a callback without a ticket', async () => {
    const p = await person()
    cas.accounts.set('caslogin2', { employeeNumber: p.number })
    cas.as('caslogin2')
    // The campus sent a ticket issued for another service (say, a look-alike site) to this callback.
    const start = await app('/api/users/signon/cas')
    const elsewhere = await fetch(`${cas.url}/login?service=${encodeURIComponent('https://evil.example/callback')}`, { redirect: 'manual' })
    const stolen = new URL(elsewhere.headers.get('location')!).searchParams.get('ticket')!
    const res = await app(`/api/users/signon/cas/callback?ticket=${stolen}`, { cookie: jar(cookiesOf(start)) })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('不是为本平台签发')
    const none = await app('/api/users/signon/cas/callback', { cookie: jar(cookiesOf(start)) })
    expect(none.status).toBe(400)
    expect(await sessionsOf(p.id)).toHaveLength(0)
  })
})

describe('password login per role', () => {
  it('people holding only a role listed in 安全设置 must use campus sign-on; a role still allowed keeps the password', async () => {
    const member = await person()
    const secretary = await person({ roles: ['member', 'branchSecretary'] })
    await payload.updateGlobal({ slug: 'security-settings', data: { passwordLoginOffRoles: ['member'] } })
    try {
      const refused = await app('/api/users/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: member.email, password: 'Vq7#Lm2$Xr9' }),
      })
      expect(refused.status).toBe(403)
      expect(JSON.stringify(await refused.json())).toContain('统一身份认证')
      expect(await sessionsOf(member.id)).toHaveLength(0)
      const allowed = await app('/api/users/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: secretary.email, password: 'Vq7#Lm2$Xr9' }),
      })
      expect(allowed.status).toBe(200)
      // The member still signs in through the campus.
      oidc.accounts.set('campus-member', { sub: 'campus-member', claims: { employee_number: member.number } })
      oidc.as('campus-member')
      expect((await browse('oidc')).res.status).toBe(302)
    } finally {
      await payload.updateGlobal({ slug: 'security-settings', data: { passwordLoginOffRoles: [] } })
    }
  })

  it('a member cannot change 安全设置 (only the security administrator can)', async () => {
    const member = await person()
    const login = await payload.login({ collection: 'users', data: { email: member.email, password: 'Vq7#Lm2$Xr9' } })
    const res = await app('/api/globals/security-settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${login.token}` },
      body: JSON.stringify({ passwordLoginOffRoles: ['member'] }),
    })
    expect(res.status).toBe(403)
    const settings = (await payload.findGlobal({ slug: 'security-settings', depth: 0 })) as { passwordLoginOffRoles?: string[] }
    expect(settings.passwordLoginOffRoles ?? []).toEqual([])
  })
})
