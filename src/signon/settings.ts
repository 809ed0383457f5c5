import { trustedOrigins } from '../security/config'

/**
 * Sign-on settings, from the environment (the IT centre's registration of the platform; the secret
 * never goes into the database). Read at each use, so a test or a restart with new values applies them.
 *
 * OIDC:  SIGNON_OIDC_ISSUER, SIGNON_OIDC_CLIENT_ID, SIGNON_OIDC_CLIENT_SECRET,
 *        SIGNON_OIDC_CLAIM (the claim holding the staff/student number; default `sub`)
 * CAS:   SIGNON_CAS_URL (e.g. https://cas.example.edu.cn/cas), SIGNON_CAS_ATTRIBUTE (default: the CAS user)
 * Both:  SIGNON_CREATE_MASSES=1 opens a 群众 account for an unknown identity (default: refused);
 *        SIGNON_HELP, whom an unknown person should ask; SIGNON_ALLOW_HTTP=1 accepts a provider on
 *        plain http (tests on this machine only: production providers are https).
 */
export type SignOnSettings = {
  base: string
  oidc: { issuer: string; clientId: string; clientSecret?: string; claim: string } | null
  cas: { url: string; attribute: string } | null
  allowCreate: boolean
  help: string
  allowHttp: boolean
}

export const DEFAULT_HELP = '请联系所在党支部书记或学院党委组织员，由系统管理员为您开通账号。'

export const signOnSettings = (env: Record<string, string | undefined> = process.env): SignOnSettings => {
  const issuer = env.SIGNON_OIDC_ISSUER?.trim()
  const clientId = env.SIGNON_OIDC_CLIENT_ID?.trim()
  const casUrl = env.SIGNON_CAS_URL?.trim().replace(/\/+$/, '')
  return {
    // The callback addresses registered with the campus: the platform's first public address.
    base: (trustedOrigins(env)[0] ?? '').replace(/\/+$/, ''),
    oidc:
      issuer && clientId
        ? { issuer, clientId, clientSecret: env.SIGNON_OIDC_CLIENT_SECRET || undefined, claim: env.SIGNON_OIDC_CLAIM?.trim() || 'sub' }
        : null,
    cas: casUrl ? { url: casUrl, attribute: env.SIGNON_CAS_ATTRIBUTE?.trim() || '' } : null,
    allowCreate: env.SIGNON_CREATE_MASSES === '1',
    help: env.SIGNON_HELP?.trim() || DEFAULT_HELP,
    allowHttp: env.SIGNON_ALLOW_HTTP === '1',
  }
}

export const callbackUrl = (settings: SignOnSettings, method: 'oidc' | 'cas') => `${settings.base}/api/users/signon/${method}/callback`
