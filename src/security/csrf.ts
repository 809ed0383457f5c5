/**
 * Cross-site request forgery: Payload accepts the session cookie only from origins on its `csrf`
 * list (an `Origin` header elsewhere, or no `Origin` and no same-site `Sec-Fetch-Site`, and the
 * cookie is ignored). This builds that list and keeps the check where it belongs: on requests that
 * change something.
 */

const originOf = (value: string): string | null => {
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

/**
 * The origins the platform is served from: `PUBLIC_URL` (one or more, comma-separated, e.g.
 * `https://dangjian.example.edu.cn`), plus localhost and 127.0.0.1 on `PORT` for `npm start` and
 * `npm run dev` on this machine. A deployment reached under any other address must list it in
 * PUBLIC_URL, or signed-in changes from that address are refused (the session is ignored).
 */
export const trustedOrigins = (env: Record<string, string | undefined> = process.env): string[] => {
  const port = Number(env.PORT) || 3000
  const configured = (env.PUBLIC_URL ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(originOf)
    .filter((o): o is string => o !== null)
  const local = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]
  return [...new Set([...configured, ...local])]
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Payload applies its origin check to every request that carries the session cookie, reads
 * included. A read changes nothing, and the SameSite=Lax cookie and the same-origin policy already
 * keep other sites from reading answers, but the check would sign out a reader who arrives through a
 * link on another site (`Sec-Fetch-Site: cross-site`) or whose browser sends no Fetch Metadata
 * (Safari before 16.4). So a read without an `Origin` header is presented to Payload as same-origin.
 * A read that does carry `Origin` (a cross-origin fetch) and every write are still checked.
 * Mutates and returns the Node request headers.
 */
export const relaxOriginCheckForReads = <H extends Record<string, string | string[] | undefined>>(
  method: string | undefined,
  headers: H,
): H => {
  if (SAFE_METHODS.has((method ?? 'GET').toUpperCase()) && headers.origin === undefined) {
    ;(headers as Record<string, string>)['sec-fetch-site'] = 'same-origin'
  }
  return headers
}

/**
 * The Secure attribute on each Set-Cookie value that lacks it; for responses to HTTPS requests, so
 * the session cookie never travels over plain HTTP. (HttpOnly and SameSite=Lax are set by Payload
 * for its session cookie; the language cookie is not a secret.)
 */
export const withSecureFlag = (value: string | string[] | number): string | string[] | number => {
  if (typeof value === 'number') return value
  const one = (cookie: string) => (/;\s*secure\b/i.test(cookie) ? cookie : `${cookie}; Secure`)
  return Array.isArray(value) ? value.map(one) : one(value)
}

/**
 * Payload's rule for the session cookie (payload/auth/extractJWT), for code that reads the cookie
 * itself instead of asking Payload (the heartbeat fast path): an `Origin` must be on the list;
 * without one, the browser's `Sec-Fetch-Site` must say the request came from this site.
 */
export const cookieSessionAllowed = (headers: Pick<Headers, 'get'>, trusted: string[]): boolean => {
  const origin = headers.get('origin')
  if (origin) return trusted.length === 0 || trusted.includes(origin)
  if (trusted.length === 0) return true
  const site = headers.get('sec-fetch-site')
  return site === 'same-origin' || site === 'same-site' || site === 'none'
}
