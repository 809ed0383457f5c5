import * as client from 'openid-client'

import { identityFrom, type Identity } from './rules'
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
    config = client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, auth, settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined)
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

/** The browser came back with a code: exchange it and read who the campus says this is. Throws when any check fails. */
export const finishOidc = async (settings: SignOnSettings, pending: Pending, currentUrl: URL): Promise<Identity | null> => {
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
  return identityFrom(claims.sub, { ...info, ...claims } as Record<string, unknown>, field)
}

/** The provider's logout address (RP-initiated logout), when it has one. */
export const oidcLogoutUrl = async (settings: SignOnSettings): Promise<string | null> => {
  try {
    const config = await configFor(settings)
    if (!config.serverMetadata().end_session_endpoint) return null
    return client.buildEndSessionUrl(config, { client_id: settings.oidc!.clientId, post_logout_redirect_uri: `${settings.base}/login` }).href
  } catch {
    return null
  }
}
