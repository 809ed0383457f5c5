import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose'
import * as client from 'openid-client'

import { identityFrom, type Identity, type LogoutTarget, logoutTokenTarget } from './rules'
import { callbackUrl, type SignOnSettings } from './settings'
import type { Pending } from './state'

/**
 * OpenID Connect with `openid-client` (a certified relying party): authorization code with PKCE
 * (S256), state and nonce; the ID token's signature, issuer, audience, expiry and nonce are checked
 * by the library before any claim is read. The provider's metadata is fetched once per process
 * and issuer (a changed setting fetches it again).
 */
const configs = new Map<string, Promise<client.Configuration>>()

const configFor = (settings: SignOnSettings) => {
  const oidc = settings.oidc!
  const key = `${oidc.issuer}|${oidc.clientId}|${oidc.clientSecret ?? ''}|${settings.allowHttp}`
  let config = configs.get(key)
  if (!config) {
    const auth = oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None()
    config = client.discovery(
      new URL(oidc.issuer),
      oidc.clientId,
      undefined,
      auth,
      settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    config.catch(() => configs.delete(key))
    configs.set(key, config)
  }
  return config
}

/** Where to send the browser, and what to remember until it comes back. */
export const beginOidc = async (settings: SignOnSettings, next: string): Promise<{ url: URL; pending: Pending }> => {
  const config = await configFor(settings)
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(settings, 'oidc'),
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url, pending: { method: 'oidc', verifier, state, nonce, next } }
}

/** Who signed in, and the provider's own subject and session (`sid`), which a back-channel logout names. */
export type OidcSignIn = { identity: Identity; link: { subject: string; providerSession?: string } }

/** The browser came back with a code: exchange it and read who the campus says this is. Throws when any check fails. */
export const finishOidc = async (settings: SignOnSettings, pending: Pending, currentUrl: URL): Promise<OidcSignIn | null> => {
  const config = await configFor(settings)
  // The registered redirect URI, not the address the request reached this instance under (a balancer
  // in front may rewrite it); only the query the provider added is taken from the request.
  const url = new URL(callbackUrl(settings, 'oidc'))
  url.search = currentUrl.search
  const tokens = await client.authorizationCodeGrant(config, url, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  })
  const claims = tokens.claims()
  if (!claims) return null
  const field = settings.oidc!.claim
  // Providers put profile claims (the number among them) in the ID token or only at the UserInfo
  // endpoint; the latter answer is accepted only for the ID token's own subject.
  const known = field === 'sub' || claims[field] !== undefined
  const info = known ? {} : await client.fetchUserInfo(config, tokens.access_token, claims.sub)
  const identity = identityFrom(claims.sub, { ...info, ...claims } as Record<string, unknown>, field)
  return identity && { identity, link: { subject: claims.sub, ...(typeof claims.sid === 'string' ? { providerSession: claims.sid } : {}) } }
}

const keySets = new Map<string, JWTVerifyGetKey>()

/**
 * A back-channel logout token (OpenID Connect Back-Channel Logout 1.0, §2.6): signed with one of the
 * provider's published keys (never `none` nor a shared-secret algorithm), issued by it, for this
 * client, at most 10 minutes old; then the claims' rules (src/signon/rules.ts). What to end, or why not.
 */
export const verifyLogoutToken = async (settings: SignOnSettings, token: string): Promise<LogoutTarget | { refused: string }> => {
  const config = await configFor(settings)
  const metadata = config.serverMetadata()
  if (!metadata.jwks_uri) return { refused: '认证服务未公布签名公钥' }
  let keys = keySets.get(metadata.jwks_uri)
  if (!keys) keySets.set(metadata.jwks_uri, (keys = createRemoteJWKSet(new URL(metadata.jwks_uri))))
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: metadata.issuer,
      audience: settings.oidc!.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      maxTokenAge: '10 minutes',
    })
    return logoutTokenTarget(payload as Record<string, unknown>)
  } catch (error) {
    return { refused: error instanceof Error ? error.message.slice(0, 120) : '签名无效' }
  }
}

/** The provider's logout address (RP-initiated logout), when it has one. */
export const oidcLogoutUrl = async (settings: SignOnSettings): Promise<string | null> => {
  try {
    const config = await configFor(settings)
    if (!config.serverMetadata().end_session_endpoint) return null
    return client.buildEndSessionUrl(config, { client_id: settings.oidc!.clientId, post_logout_redirect_uri: `${settings.base}/login` })
      .href
  } catch {
    return null
  }
}
