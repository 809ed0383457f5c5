import type { IncomingMessage, ServerResponse } from 'http'
import type { TLSSocket } from 'tls'

import { refuseBody } from './bodyLimit'
import { relaxOriginCheckForReads, withSecureFlag } from './csrf'
import { isHttpsRequest, securityHeaders } from './headers'
import { errorBody } from '../http/errorBody'

/**
 * The app server's (scripts/server.ts) front door, run before anything else answers a request:
 * sets the security headers on the response (Next's proxy replaces the CSP on pages with one that
 * carries the page's script nonce), marks cookies Secure on HTTPS, and refuses an oversized body
 * with 413 before anyone reads it. Returns false when it has answered the request itself.
 */
// The same for every response of a scheme (built once: thousands of heartbeats a second pass here).
const HEADERS = { http: Object.entries(securityHeaders({ https: false })), https: Object.entries(securityHeaders({ https: true })) }

export const guardRequest = (req: IncomingMessage, res: ServerResponse): boolean => {
  const https = isHttpsRequest(req.headers, Boolean((req.socket as TLSSocket).encrypted))
  for (const [name, value] of HEADERS[https ? 'https' : 'http']) res.setHeader(name, value)

  if (https) {
    // Every response's headers pass through writeHead (Node calls it for implicit headers too).
    const writeHead = res.writeHead
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      const cookies = this.getHeader('set-cookie')
      if (cookies !== undefined) this.setHeader('set-cookie', withSecureFlag(cookies))
      return writeHead.apply(this, args)
    } as ServerResponse['writeHead']
  }

  relaxOriginCheckForReads(req.method, req.headers)

  const refusal = refuseBody(req.headers)
  if (refusal) {
    // Do not read the body; close the connection so the client stops sending it.
    res.writeHead(refusal.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' })
    res.end(JSON.stringify(errorBody(refusal.message)))
    return false
  }
  return true
}
