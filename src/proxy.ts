import { NextResponse, type NextRequest } from 'next/server'

import { isHttpsRequest, newNonce, securityHeaders } from './security/headers'

/**
 * Next's proxy (middleware) for every page, admin and member site:
 * - the security headers, with a fresh script nonce in the CSP: Next reads the nonce from the
 *   request's CSP header and puts it on its own inline scripts, so no other inline script runs
 *   (src/security/headers.ts). The app server sets the same headers, without a nonce, on everything
 *   else (API, static files); under `next dev` this is what pages get.
 * - the admin is Chinese by default, even for a browser that prefers English: Payload otherwise
 *   follows Accept-Language. A user who picks English in their account settings gets a cookie that
 *   this leaves alone.
 */
export function proxy(request: NextRequest) {
  const https = isHttpsRequest(request.headers, request.nextUrl.protocol === 'https:')
  const headers = securityHeaders({ https, nonce: newNonce(), dev: process.env.NODE_ENV === 'development' })

  const setLanguage = request.nextUrl.pathname.startsWith('/admin') && !request.cookies.has('payload-lng')
  // Set it on this request (so the first page is already Chinese) and in the browser.
  if (setLanguage) request.cookies.set('payload-lng', 'zh')

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'])
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  if (setLanguage) response.cookies.set('payload-lng', 'zh', { path: '/', sameSite: 'lax', secure: https, maxAge: 60 * 60 * 24 * 365 })
  return response
}

export const config = {
  // Pages only: not the API (JSON), Next's static files, or files with an extension (public/).
  matcher: ['/((?!api/|_next/static/|_next/image|.*\\.[a-zA-Z0-9]{1,5}$).*)'],
}
