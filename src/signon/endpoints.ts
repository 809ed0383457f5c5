import { logoutOperation, type PayloadRequest } from 'payload'
import { generateExpiredPayloadCookie, generatePayloadCookie, parseCookies } from 'payload/shared'

import { recordAuditDetached } from '../audit/record'
import { defineRoute } from '../http/route'
import { safeNextPath } from '../http/safeNext'
import { casLoginUrl, casLogoutUrl, validateTicket } from './cas'
import { beginOidc, finishOidc, oidcLogoutUrl, verifyLogoutToken } from './oidc'
import { logoutTicket, METHOD_LABELS, type SignOnMethod } from './rules'
import { endCampusSessions, SIGNON_METHOD, signIn, type SignOnOutcome } from './session'
import { signOnSettings, type SignOnSettings } from './settings'
import { seal, stateCookie, stateCookieName, unseal } from './state'

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A refusal the person reads in their browser: what happened and what to do, in a page of its own. */
const page = (status: number, message: string, extra: HeadersInit = {}) =>
  new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>统一身份认证</title></head>` +
      `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.7"><h1 style="font-size:1.3rem">未能登录</h1>` +
      `<p data-testid="signon-message">${escape(message)}</p><p><a href="/login">返回登录页</a></p></body></html>`,
    { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...extra } },
  )

const secure = (settings: SignOnSettings) => settings.base.startsWith('https:')
const prefix = (req: PayloadRequest) => req.payload.config.cookiePrefix

const redirect = (location: string, cookies: string[]) => {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' })
  for (const c of cookies) headers.append('Set-Cookie', c)
  return new Response(null, { status: 302, headers })
}

/** Leaves for the campus: the sealed state in a cookie, the browser to the provider. */
const begin =
  (method: SignOnMethod) =>
  async (req: PayloadRequest): Promise<Response> => {
    const settings = signOnSettings()
    if (!settings[method]) return page(404, `本平台未启用统一身份认证（${METHOD_LABELS[method]}）`)
    const next = safeNextPath(req.searchParams.get('next'))
    try {
      const { url, pending } =
        method === 'oidc' ? await beginOidc(settings, next) : { url: casLoginUrl(settings), pending: { method, next } as const }
      return redirect(String(url), [stateCookie(prefix(req), await seal(req.payload.secret, pending), secure(settings))])
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'sign-on: the provider could not be reached' })
      return page(502, '统一身份认证服务暂时无法访问，请稍后再试，或使用账号密码登录')
    }
  }

/** Back from the campus: check everything, then the platform's own session, or a refusal in words. */
const callback =
  (method: SignOnMethod) =>
  async (req: PayloadRequest): Promise<Response> => {
    const settings = signOnSettings()
    if (!settings[method]) return page(404, `本平台未启用统一身份认证（${METHOD_LABELS[method]}）`)
    const clear = stateCookie(prefix(req), '', secure(settings))
    const pending = await unseal(req.payload.secret, parseCookies(req.headers).get(stateCookieName(prefix(req))))
    if (!pending || pending.method !== method)
      return page(400, '登录已超时或不是从本平台发起的，请回到登录页重新登录', { 'Set-Cookie': clear })
    const url = new URL(req.url ?? '', settings.base || 'http://localhost')
    let outcome: SignOnOutcome
    let failed: string | null = null
    if (method === 'oidc') {
      const signedIn = await finishOidc(settings, pending, url).catch((error: unknown) => {
        failed = error instanceof Error ? error.message.slice(0, 200) : 'error'
        return null
      })
      if (!signedIn) {
        await recordAuditDetached(
          req.payload,
          {
            action: 'loginFailed',
            result: 'failure',
            collection: 'users',
            summary: `统一身份认证（OIDC）校验失败：${failed ?? '应答中没有工号/学号'}`,
          },
          null,
          req,
        )
        return page(
          failed ? 400 : 403,
          failed ? '统一身份认证未能确认您的身份（应答校验失败），请重新登录' : '统一身份认证的应答中没有工号/学号，请联系信息化中心',
          { 'Set-Cookie': clear },
        )
      }
      outcome = await signIn(req, 'oidc', signedIn.identity, settings, signedIn.link)
    } else {
      const ticket = url.searchParams.get('ticket') ?? ''
      if (!/^ST-[\w.-]{1,250}$/.test(ticket)) return page(400, '统一身份认证没有带回有效的票据，请重新登录', { 'Set-Cookie': clear })
      const result = await validateTicket(settings, ticket)
      if ('message' in result) {
        await recordAuditDetached(
          req.payload,
          { action: 'loginFailed', result: 'failure', collection: 'users', summary: `统一身份认证（CAS）票据校验失败：${result.message}` },
          null,
          req,
        )
        return page(403, result.message, { 'Set-Cookie': clear })
      }
      outcome = await signIn(req, 'cas', result.identity, settings, { ticket })
    }
    if (!outcome.ok) return page(outcome.status, outcome.message, { 'Set-Cookie': clear })
    const users = req.payload.collections.users.config
    return redirect(pending.next, [
      clear,
      generatePayloadCookie({ collectionAuthConfig: users.auth, cookiePrefix: prefix(req), token: outcome.token }) as string,
    ])
  }

/**
 * CAS single logout: the campus POSTs `logoutRequest` (a SAML LogoutRequest naming the service
 * ticket) to the service URL when the person signs out there. Always 200: the server does not retry.
 */
const singleLogout = async (req: PayloadRequest): Promise<Response> => {
  if (!signOnSettings().cas) return new Response(null, { status: 404 })
  const form = await req.formData?.().catch(() => null)
  const xml = form?.get('logoutRequest')
  const ticket = typeof xml === 'string' ? logoutTicket(xml) : null
  if (ticket) await endCampusSessions(req, 'cas', { ticket })
  return new Response(null, { status: 200 })
}

/**
 * OIDC back-channel logout: the provider POSTs a signed logout token (form field `logout_token`)
 * when the person signs out at the campus; it names their provider session or subject. 200 when the
 * token is good (whether or not a session was still open), 400 with the reason otherwise (§2.8).
 */
const backchannelLogout = async (req: PayloadRequest): Promise<Response> => {
  const settings = signOnSettings()
  if (!settings.oidc) return new Response(null, { status: 404 })
  const headers = { 'Cache-Control': 'no-store' }
  const form = await req.formData?.().catch(() => null)
  const token = form?.get('logout_token')
  if (typeof token !== 'string' || !token || token.length > 16_000)
    return Response.json({ error: 'invalid_request', error_description: '缺少 logout_token' }, { status: 400, headers })
  const target = await verifyLogoutToken(settings, token)
  if ('refused' in target) {
    await recordAuditDetached(
      req.payload,
      { action: 'loginFailed', result: 'failure', collection: 'users', summary: `统一身份认证（OIDC）后台退出通知无效：${target.refused}` },
      null,
      req,
    )
    return Response.json({ error: 'invalid_request', error_description: target.refused }, { status: 400, headers })
  }
  await endCampusSessions(req, 'oidc', target)
  return new Response(null, { status: 200, headers })
}

/**
 * Signing out (the member site's 退出, any session): the platform's session ends here; for a session
 * the campus opened, the answer names the campus's own logout address, where the browser goes next
 * so the campus session ends too (`redirect`, null otherwise).
 */
const logout = async (req: PayloadRequest): Promise<Response> => {
  const settings = signOnSettings()
  const user = req.user as (PayloadRequest['user'] & { _sid?: string; name?: string }) | null
  const users = req.payload.collections.users.config
  const expired = generateExpiredPayloadCookie({ collectionAuthConfig: users.auth, cookiePrefix: prefix(req) }) as string
  if (!user) return Response.json({ redirect: null }, { headers: { 'Set-Cookie': expired } })
  const found = user._sid
    ? await req.payload.find({
        collection: 'signon-sessions',
        where: { and: [{ user: { equals: user.id } }, { sid: { equals: user._sid } }] },
        depth: 0,
        limit: 1,
      })
    : null
  const row = found?.docs[0]
  await req.payload.db.deleteMany({
    collection: 'signon-sessions',
    where: { and: [{ user: { equals: user.id } }, { sid: { equals: user._sid ?? '' } }] },
  })
  // Payload's own logout (the session row goes; its audit hook names the campus session).
  if (row) req.context[SIGNON_METHOD] = METHOD_LABELS[row.method as SignOnMethod]
  await logoutOperation({ collection: req.payload.collections.users, req })
  const campus =
    row?.method === 'cas' && settings.cas
      ? casLogoutUrl(settings)
      : row?.method === 'oidc' && settings.oidc
        ? await oidcLogoutUrl(settings)
        : null
  return Response.json({ redirect: campus }, { headers: { 'Set-Cookie': expired } })
}

/**
 * 统一身份认证, mounted on the people collection: /api/users/signon/…. Open to anyone (visitors sign
 * in here): each handler answers a missing or refused session itself, with a page or `redirect: null`.
 * The queries and forms are the provider's (OIDC, CAS): the handlers read them, the table does not check them.
 */
const SIGN_ON = { collection: 'users', callers: 'anyone', anyQuery: true } as const

export const signOnRoutes = [
  defineRoute({ ...SIGN_ON, method: 'get', path: '/users/signon/oidc', handler: begin('oidc') }),
  defineRoute({ ...SIGN_ON, method: 'get', path: '/users/signon/oidc/callback', handler: callback('oidc') }),
  defineRoute({ ...SIGN_ON, method: 'get', path: '/users/signon/cas', handler: begin('cas') }),
  defineRoute({ ...SIGN_ON, method: 'get', path: '/users/signon/cas/callback', handler: callback('cas') }),
  // The CAS server POSTs a form (src/validation/restGuard.ts lets a form through only where `acceptsForm` says).
  defineRoute({ ...SIGN_ON, method: 'post', path: '/users/signon/cas/callback', acceptsForm: true, handler: singleLogout }),
  // The OpenID provider POSTs a form too (OpenID Connect Back-Channel Logout 1.0).
  defineRoute({ ...SIGN_ON, method: 'post', path: '/users/signon/oidc/backchannel-logout', acceptsForm: true, handler: backchannelLogout }),
  defineRoute({ ...SIGN_ON, method: 'post', path: '/users/signon/logout', handler: logout }),
]
