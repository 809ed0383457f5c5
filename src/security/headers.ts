/**
 * The security headers every response carries. One definition, used by the app server
 * (scripts/server.ts: everything it serves, fast paths and Next alike) and by Next's proxy
 * (src/proxy.ts: pages, with a per-request script nonce; it also covers `next dev`).
 *
 * Runs in Node and in Next's proxy: Web APIs only (no `Buffer`, no `node:crypto`).
 */

export type SecurityHeaderOptions = {
  /** The request reached us over HTTPS (directly or through a proxy that says so). */
  https: boolean
  /** The page's script nonce; without one, no inline script may run. */
  nonce?: string
  /** `next dev`: React needs eval for its debugging aids and the dev server a websocket. */
  dev?: boolean
}

/**
 * The Content-Security-Policy. Scripts: our own files plus, on pages, the inline scripts Next marks
 * with this request's nonce (the Payload admin and the member site both work under it, checked in
 * Chromium by tests/e2e/security.spec.ts); never 'unsafe-inline'. Styles keep 'unsafe-inline': the
 * admin, React and ECharts set style attributes, which a nonce cannot cover.
 */
export const contentSecurityPolicy = ({ https, nonce, dev = false }: SecurityHeaderOptions): string => {
  const script = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...(dev ? ["'unsafe-eval'"] : [])]
  const directives = [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // Lessons play video and audio from /api/media/file/… with the native players.
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Nothing embeds the platform, not even itself (no live preview is configured).
    "frame-ancestors 'none'",
    // Only over HTTPS: on a plain-HTTP intranet address it would send every asset to a port that is not there.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export const HSTS = 'max-age=31536000; includeSubDomains'

/** Every security header for one response, by name. */
export const securityHeaders = (options: SecurityHeaderOptions): Record<string, string> => ({
  'Content-Security-Policy': contentSecurityPolicy(options),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // frame-ancestors for current browsers, this for older ones.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  ...(options.https ? { 'Strict-Transport-Security': HSTS } : {}),
})

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>

const headerValue = (headers: HeaderSource, name: string): string | undefined => {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? undefined
  const v = (headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * Whether the request came over HTTPS: a TLS socket, or `X-Forwarded-Proto: https` from the reverse
 * proxy that terminates TLS (its first value, the one the client-facing proxy wrote). The header is
 * honoured without a TRUST_PROXY switch on purpose: all it turns on is HSTS (which browsers ignore
 * on plain HTTP), `upgrade-insecure-requests` and the Secure cookie flag, so a client forging it
 * over plain HTTP only breaks its own session. The proxy must set it (nginx:
 * `proxy_set_header X-Forwarded-Proto $scheme;`).
 */
export const isHttpsRequest = (headers: HeaderSource, encrypted = false): boolean => {
  if (encrypted) return true
  const proto = headerValue(headers, 'x-forwarded-proto')
  return proto?.split(',')[0].trim().toLowerCase() === 'https'
}

/** A fresh, unguessable script nonce (128 bits, base64). */
export const newNonce = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}
