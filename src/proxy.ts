import { NextResponse, type NextRequest } from 'next/server'

/**
 * The admin is Chinese by default, even for a browser that prefers English: Payload otherwise
 * follows Accept-Language. A user who picks English in their account settings gets a cookie that
 * this leaves alone.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has('payload-lng')) return NextResponse.next()
  // Set it on this request (so the first page is already Chinese) and in the browser.
  request.cookies.set('payload-lng', 'zh')
  const response = NextResponse.next({ request: { headers: request.headers } })
  response.cookies.set('payload-lng', 'zh', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
  return response
}

export const config = { matcher: ['/admin/:path*'] }
