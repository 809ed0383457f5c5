import { createHash } from 'crypto'
import { EncryptJWT, jwtDecrypt } from 'jose'

/**
 * The sign-on's own state between leaving for the campus and coming back (PKCE verifier, state,
 * nonce, where to return): sealed (AES-256-GCM) in a short-lived cookie, so any instance behind the
 * balancer can finish a sign-on another began, and nobody can read or forge it.
 */
export type Pending = { method: 'oidc' | 'cas'; verifier?: string; state?: string; nonce?: string; next: string }

export const STATE_SECONDS = 10 * 60
const keyOf = (secret: string) => createHash('sha256').update(`${secret}:signon-state`).digest()

export const seal = (secret: string, pending: Pending) =>
  new EncryptJWT(pending)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${STATE_SECONDS}s`)
    .encrypt(keyOf(secret))

export const unseal = async (secret: string, value: string | undefined): Promise<Pending | null> => {
  if (!value) return null
  try {
    const { payload } = await jwtDecrypt(value, keyOf(secret))
    return payload as unknown as Pending
  } catch {
    return null
  }
}

export const stateCookieName = (prefix: string) => `${prefix}-signon`

export const stateCookie = (prefix: string, value: string, secure: boolean) =>
  `${stateCookieName(prefix)}=${value}; Path=/api/users/signon; HttpOnly; SameSite=Lax; Max-Age=${value ? STATE_SECONDS : 0}${secure ? '; Secure' : ''}`
