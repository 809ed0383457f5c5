import { existsSync, readFileSync } from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import path from 'path'
import { gzipSync } from 'zlib'

import { ISLANDS_PREFIX, leanPage, type IslandManifest } from './html'

/**
 * The app server's half of the islands (scripts/server.ts): it serves the bundle under
 * `/_islands/` and sends member pages without Next's client runtime. Admin, API, Next's own files
 * and Server Components requests pass untouched.
 */
export const islandsFor = (distDir: string, onPage?: (pathname: string, status: number, html: string) => void) => {
  const dir = path.resolve(distDir, 'islands')
  const manifestFile = path.join(dir, 'manifest.json')
  // A build from before the islands: member pages stay as Next writes them.
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as IslandManifest) : null
  const files = new Map<string, { raw: Buffer; gz: Buffer | null } | null>()

  /** Answers `/_islands/<file>`: hashed names, so cached for a year. */
  const serveAsset = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const name = pathname.slice(ISLANDS_PREFIX.length)
    if (!files.has(name)) {
      const file = path.join(dir, name)
      const ok = /^[A-Za-z0-9_-]+\.js$/.test(name) && existsSync(file)
      files.set(name, ok ? { raw: readFileSync(file), gz: existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : null } : null)
    }
    const f = files.get(name)
    if (!f) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end('找不到该脚本')
      return
    }
    const gz = f.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
      ...(gz ? { 'Content-Encoding': 'gzip' } : {}),
      'Content-Length': String(gz ? f.gz!.length : f.raw.length),
    })
    res.end(req.method === 'HEAD' ? undefined : gz ? f.gz : f.raw)
  }

  /** Whether a request may be a member page: Next then renders it, and `leanResponse` rewrites it. */
  const isMemberPage = (req: IncomingMessage, pathname: string) =>
    manifest !== null &&
    req.method === 'GET' &&
    !/^\/(admin|api|_next|_islands)(\/|$)/.test(pathname) &&
    !req.headers.rsc &&
    !req.headers['next-router-prefetch'] &&
    !req.headers['next-action']

  /** The page's bytes, gzipped when the browser accepts it and it is worth it. */
  const encoded = (html: string, acceptsGzip: boolean, res: ServerResponse): Buffer => {
    res.setHeader('Vary', 'Accept-Encoding')
    const body = Buffer.from(html)
    if (!acceptsGzip || body.length <= 1024) return body
    res.setHeader('Content-Encoding', 'gzip')
    return gzipSync(body, { level: 6 })
  }

  /** Sends a page rendered by the app server itself (src/site/lean), with its islands' scripts, as a Next page goes out. */
  const sendPage = (req: IncomingMessage, res: ServerResponse, status: number, html: string) => {
    const body = encoded(manifest ? leanPage(html, manifest) : html, /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')), res)
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      // As Next sends a page rendered per request.
      'Cache-Control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      'Content-Length': String(body.length),
    })
    res.end(body)
  }

  /**
   * Collects Next's answer and sends it lean (src/site/islands/html.ts) if it is an HTML page; any
   * other answer (a redirect, a route handler's JSON or file) goes out as Next wrote it. Next is asked
   * for it uncompressed and the page is gzipped here, after the rewrite.
   */
  const leanResponse = (req: IncomingMessage, res: ServerResponse) => {
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    delete req.headers['accept-encoding']
    const chunks: Buffer[] = []
    const write = res.write.bind(res) as (chunk: Buffer) => boolean
    const end = res.end.bind(res) as (chunk?: Buffer) => ServerResponse
    const writeHead = res.writeHead.bind(res) as (status: number) => ServerResponse
    const take = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      )
    }
    const callback = (args: unknown[]) => args.find((a) => typeof a === 'function') as (() => void) | undefined
    // Headers are held until the body is complete: its length changes.
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      res.statusCode = status
      const headers = rest.find((r) => r && typeof r === 'object') as Record<string, string | string[]> | undefined
      if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1])
      else if (headers) for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v)
      return res
    }) as typeof res.writeHead
    res.flushHeaders = () => undefined
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      take(chunk, rest[0])
      callback(rest)?.()
      return true
    }) as typeof res.write
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      take(chunk, rest[0])
      let body: Buffer = Buffer.concat(chunks)
      const type = String(res.getHeader('content-type') ?? '')
      if (type.startsWith('text/html') && !res.getHeader('content-encoding') && manifest) {
        const html = body.toString('utf8')
        onPage?.(req.url?.split('?')[0] ?? '/', res.statusCode, html)
        body = encoded(leanPage(html, manifest), acceptsGzip, res)
      }
      if (!res.headersSent) {
        res.setHeader('Content-Length', String(body.length))
        writeHead(res.statusCode)
      }
      if (body.length) write(body)
      end()
      callback(rest)?.()
      return res
    }) as typeof res.end
  }

  return { serveAsset, isMemberPage, leanResponse, sendPage }
}
