import { NextResponse, type NextRequest } from 'next/server'

/**
 * The admin is Chinese by default, even for a browser that prefers English: Payload otherwise
 * follows Accept-Language. A user who picks English in their account settings gets a cookie that
 * this leaves alone.
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next()
  if (!request.cookies.has('payload-lng')) {
    request.cookies.set('payload-lng', 'zh')
    const forwarded = NextResponse.next({ request: { headers: request.headers } })
    forwarded.cookies.set('payload-lng', 'zh', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
    return forwarded
  }
  return response
}

export const config = { matcher: ['/admin/:path*'] }
