/**
 * The app server `npm start` runs: Next (admin, API, member site) behind a plain Node HTTP server
 * that answers the player's heartbeat, search and recommendations itself. Next's request handling
 * alone allows about 900 requests a second on this 2-core machine and adds milliseconds to each;
 * heartbeats must reach thousands (`npm run bench:ingest`) and search must stay within twice a raw
 * Meilisearch query (`npm run bench:search`). The same handlers also answer behind Next.
 *   PORT=3000 HOST=0.0.0.0 NEXT_DIST_DIR=.next tsx scripts/server.ts
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'http'
import next from 'next'
import { getPayload } from 'payload'

import config from '../payload.config'
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../src/db/unavailable'
import { cockpitEndpoint } from '../src/cockpit/endpoints'
import { readerOf, recommendationsReply, searchReply } from '../src/search/http'
import { guardRequest } from '../src/security/node'
import { handleHeartbeat } from '../src/study/http'
import { ROOT } from './lib'

const port = Number(process.env.PORT ?? 3000)
const hostname = process.env.HOST ?? '0.0.0.0'
const MAX_BODY = 4096

const app = next({ dev: false, dir: ROOT, hostname, port })
const handle = app.getRequestHandler()
await app.prepare()
const payloadPromise = getPayload({ config })

const readBody = (req: IncomingMessage) =>
  new Promise<string | null>((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) resolve(null)
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const headersOf = (req: IncomingMessage) => {
  const h = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v)
  return h
}

/** Answers one fast-path request; the database being unreachable is a 503, anything else unexpected a plain 500, logged here. */
const answer = (res: ServerResponse, work: () => Promise<{ status: number; json: unknown } | Response>) => {
  void (async () => {
    try {
      const reply = await work()
      if (reply instanceof Response) {
        res.writeHead(reply.status, { 'Content-Type': reply.headers.get('content-type') ?? 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
        res.end(await reply.text())
        return
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify(reply.json))
    } catch (error) {
      // The database restarting is expected now and then: a 503 the client retries, one log line.
      const down = isDatabaseUnavailable(error)
      if (down) console.warn(`数据库暂时不可用：${(error as Error).message}`)
      else console.error(error)
      res.writeHead(down ? 503 : 500, { 'Content-Type': 'application/json; charset=utf-8', ...(down ? { 'Retry-After': '2' } : {}) })
      res.end(JSON.stringify({ errors: [{ message: down ? DATABASE_UNAVAILABLE_MESSAGE : '服务器内部错误' }] }))
    }
  })()
}

createServer((req, res) => {
  // Security headers on every response, Secure cookies over HTTPS, 413 for an oversized body: src/security/node.ts.
  if (!guardRequest(req, res)) return
  // The source address the audit log and the rate limits use: the socket's, unless a trusted proxy
  // (TRUST_PROXY) says otherwise. Client-sent values are overwritten so they cannot be forged.
  req.headers['x-real-ip'] = req.socket.remoteAddress ?? ''
  if (!process.env.TRUST_PROXY) delete req.headers['x-forwarded-for']
  if (req.method === 'POST' && req.url === '/api/study/heartbeat') {
    return answer(res, async () => {
      const body = await readBody(req)
      return body === null ? { status: 413, json: { errors: [{ message: '请求内容过大' }] } } : handleHeartbeat(await payloadPromise, headersOf(req), body)
    })
  }
  const path = req.url?.split('?')[0]
  if (req.method === 'GET' && (path === '/api/search' || path === '/api/recommendations')) {
    return answer(res, async () => {
      const payload = await payloadPromise
      const url = new URL(req.url!, 'http://app')
      const reader = await readerOf(payload, headersOf(req))
      return path === '/api/search' ? searchReply(reader, url) : recommendationsReply(reader, url)
    })
  }
  // The cockpit: the same endpoint handler, with the viewer read in one query (src/search/http.ts
  // readerOf) instead of Payload's full sign-in check; the committee view must stay within 100 ms.
  if (req.method === 'GET' && path === '/api/cockpit') {
    return answer(res, async () => {
      const payload = await payloadPromise
      const reader = await readerOf(payload, headersOf(req))
      return cockpitEndpoint.handler({ ...reader, url: new URL(req.url!, 'http://app').toString() } as never)
    })
  }
  void handle(req, res)
}).listen(port, hostname, () => {
  console.log(`> Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`)
  // Reached under another address, signed-in changes would be refused (CSRF origin list): say so.
  if (!process.env.PUBLIC_URL && hostname !== '127.0.0.1' && hostname !== 'localhost') {
    console.warn(`> 提示：未设置 PUBLIC_URL，登录后的修改只接受来自 http://localhost:${port} 的页面；从其他地址访问请设置 PUBLIC_URL（如 https://dangjian.example.edu.cn）`)
  }
})
