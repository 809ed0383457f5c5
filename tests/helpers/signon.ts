import { randomBytes } from 'crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { AddressInfo } from 'net'

import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import Provider from 'oidc-provider'

/**
 * Campus sign-on servers for the tests: a real OpenID provider (`oidc-provider`, the certified
 * Node implementation) and a CAS 3.0 server that follows the protocol specification's answers
 * (no CAS server package exists on npm). Both listen on free ports on 127.0.0.1. Whoever "signs in"
 * at the campus is chosen by the test (`campus.as`), as the person typing their password there would be.
 */
export type CampusAccount = { sub: string; claims?: Record<string, unknown> }

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })

export const startOidcProvider = async (options: {
  clientId: string
  clientSecret: string
  redirectUri: string
  backchannelLogoutUri?: string
}) => {
  const accounts = new Map<string, CampusAccount>()
  // The provider's signing key, known to the test so it can also sign logout tokens the provider
  // itself would never send (a missing event, a nonce) and check the platform refuses them.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'campus-key-1', alg: 'RS256', use: 'sig' }
  const state: { as: string | null } = { as: null }
  const server = createServer()
  const port = await listen(server)
  const issuer = `http://127.0.0.1:${port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.redirectUri.replace(/\/api\/.*$/, '/login')],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        ...(options.backchannelLogoutUri
          ? { backchannel_logout_uri: options.backchannelLogoutUri, backchannel_logout_session_required: true }
          : {}),
      },
    ],
    jwks: { keys: [signingKey] },
    // The provider refuses to call special-use addresses (its SSRF guard, a dispatcher it passes in);
    // here the platform's back channel is on the loopback address, so that guard is left out.
    fetch: (url: string | URL | Request, init?: RequestInit) => globalThis.fetch(url, { ...init, dispatcher: undefined } as RequestInit),
    claims: { openid: ['sub'], profile: ['name', 'employee_number'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub)
      return account ? { accountId: sub, claims: async () => ({ sub, ...account.claims }) } : undefined
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true }, backchannelLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    pkce: { required: () => true },
  })
  // Back-channel logouts the provider could not deliver (the platform answered other than 200), for the test to show.
  const backchannelErrors: string[] = []
  provider.on('backchannel.error', (_ctx: unknown, error: Error) => backchannelErrors.push(error.message))
  const callback = provider.callback()
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      // The campus login page: the account the test chose signs in and consents.
      try {
        const details = await provider.interactionDetails(req, res)
        if (!state.as) {
          res.statusCode = 401
          res.end('no campus account chosen')
          return
        }
        const grant = new provider.Grant({ accountId: state.as, clientId: String(details.params.client_id) })
        grant.addOIDCScope(String(details.params.scope))
        const grantId = await grant.save()
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: state.as }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        )
      } catch (error) {
        res.statusCode = 500
        res.end(String(error))
      }
      return
    }
    callback(req, res)
  })
  return {
    issuer,
    accounts,
    backchannelErrors,
    as: (sub: string | null) => {
      state.as = sub
    },
    /**
     * The person signs out at the campus (RP-initiated logout, confirmed on the provider's page),
     * with the provider's cookies of their browser; the provider then sends each client's back-channel
     * logout before it answers.
     */
    signOutAtCampus: async (cookie: string) => {
      const page = await fetch(`${issuer}/session/end?client_id=${options.clientId}`, { headers: { cookie } })
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(await page.text())?.[1]
      if (!xsrf) throw new Error('the provider showed no logout form')
      const done = await fetch(`${issuer}/session/end/confirm`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }),
      })
      return done.status
    },
    /** A logout token signed with the provider's key, with the claims given (iss, aud, iat, jti filled in unless set). */
    signLogoutToken: (claims: Record<string, unknown>) =>
      new SignJWT({
        iss: issuer,
        aud: options.clientId,
        iat: Math.floor(Date.now() / 1000),
        jti: randomBytes(8).toString('hex'),
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'logout+jwt' })
        .sign(privateKey),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type Ticket = { service: string; user: string; used: boolean }

/** CAS 3.0: /login issues a service ticket for the service it is given; /p3/serviceValidate checks it once, for exactly that service. */
export const startCasServer = async (port = 0) => {
  const accounts = new Map<string, Record<string, string>>()
  const tickets = new Map<string, Ticket>()
  const state: { as: string | null; validations: number } = { as: null, validations: 0 }
  const xml = (body: string) => `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n${body}\n</cas:serviceResponse>`
  const failure = (code: string, text: string) => xml(`  <cas:authenticationFailure code="${code}">${text}</cas:authenticationFailure>`)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cas.invalid')
    if (url.pathname === '/cas/login') {
      const service = url.searchParams.get('service')
      if (!service || !state.as) {
        res.statusCode = 200
        res.end('CAS login form')
        return
      }
      const ticket = `ST-${randomBytes(12).toString('hex')}-cas`
      tickets.set(ticket, { service, user: state.as, used: false })
      res.writeHead(302, { Location: `${service}${service.includes('?') ? '&' : '?'}ticket=${ticket}` }).end()
      return
    }
    if (url.pathname === '/cas/p3/serviceValidate') {
      state.validations++
      const service = url.searchParams.get('service')
      const ticket = url.searchParams.get('ticket')
      res.setHeader('Content-Type', 'application/xml; charset=utf-8')
      if (!service || !ticket) return res.end(failure('INVALID_REQUEST', 'service and ticket parameters are both required'))
      const found = tickets.get(ticket)
      if (!found || found.used) return res.end(failure('INVALID_TICKET', `Ticket ${ticket} not recognized`))
      // A ticket is good for one validation, whatever its outcome (the specification's rule).
      found.used = true
      if (found.service !== service) return res.end(failure('INVALID_SERVICE', `Ticket ${ticket} does not match supplied service`))
      const attributes = Object.entries(accounts.get(found.user) ?? {})
        .map(([k, v]) => `      <cas:${k}>${v}</cas:${k}>`)
        .join('\n')
      return res.end(
        xml(
          `  <cas:authenticationSuccess>\n    <cas:user>${found.user}</cas:user>\n    <cas:attributes>\n${attributes}\n    </cas:attributes>\n  </cas:authenticationSuccess>`,
        ),
      )
    }
    if (url.pathname === '/cas/logout') return res.end('logged out')
    res.statusCode = 404
    res.end()
  })
  const bound = await listen(server, port)
  return {
    url: `http://127.0.0.1:${bound}/cas`,
    accounts,
    state,
    as: (user: string | null) => {
      state.as = user
    },
    /** The single-logout message CAS POSTs (form field `logoutRequest`) to the service when the person signs out at the campus. */
    logoutRequest: (ticket: string) =>
      `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${randomBytes(6).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${ticket}</samlp:SessionIndex></samlp:LogoutRequest>`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
