import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'http'
import type { AddressInfo } from 'net'
import { GRAPHQL_POST, REST_GET, REST_POST } from '@payloadcms/next/routes'
import { APIError, type Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { closePayload } from '../../../src/db/migrate'
import { MAX_JSON_BYTES, MAX_MULTIPART_BYTES } from '../../../src/security/bodyLimit'
import { securityAfterError } from '../../../src/security/config'
import { trustedOrigins } from '../../../src/security/csrf'
import { MAX_QUERY_DEPTH, withGraphQLStatus } from '../../../src/security/graphql'
import { contentSecurityPolicy, isHttpsRequest, securityHeaders } from '../../../src/security/headers'
import { guardRequest } from '../../../src/security/node'
import { UPLOAD_FROM_URL_REFUSED } from '../../../src/security/uploads'
import { heartbeatRoute } from '../../../src/study/http'
import { callFast } from '../../helpers/routes'
import { DEMO_PASSWORD } from '../../../seed/people'
import { testPayload, tokenFor } from '../../helpers/payload'

/**
 * Hardening: response headers, body limits, cookies and the CSRF origin list, GraphQL limits,
 * no upload from a URL. The headers the browser sees end to end, with the Payload admin and the
 * member site working under the CSP, are checked in Chromium by tests/e2e/security.spec.ts.
 */

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  )

describe('security headers', () => {
  it('sets a CSP that allows no inline script without a nonce, and the fixed headers', () => {
    const h = securityHeaders({ https: false })
    const csp = directives(h['Content-Security-Policy'])
    expect(csp['default-src']).toEqual(["'self'"])
    expect(csp['script-src']).toEqual(["'self'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'self'"])
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['form-action']).toEqual(["'self'"])
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp['media-src']).toEqual(["'self'", 'blob:'])
    expect(csp['upgrade-insecure-requests']).toBeUndefined()
    expect(h['X-Content-Type-Options']).toBe('nosniff')
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin')
    expect(h['X-Frame-Options']).toBe('DENY')
    expect(h['Strict-Transport-Security']).toBeUndefined()
  })

  it('adds the page nonce, HSTS and upgrade-insecure-requests over HTTPS, eval only in development', () => {
    const h = securityHeaders({ https: true, nonce: 'bm9uY2U=' })
    expect(h['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains')
    const csp = directives(h['Content-Security-Policy'])
    expect(csp['script-src']).toEqual(["'self'", "'nonce-bm9uY2U='"])
    expect(csp['upgrade-insecure-requests']).toEqual([])
    expect(contentSecurityPolicy({ https: false })).not.toContain('unsafe-eval')
    expect(directives(contentSecurityPolicy({ https: false, dev: true }))['script-src']).toContain("'unsafe-eval'")
    for (const csp of [contentSecurityPolicy({ https: true, nonce: 'x' }), contentSecurityPolicy({ https: false, dev: true })]) {
      expect(directives(csp)['script-src']).not.toContain("'unsafe-inline'")
    }
  })

  it('treats a request as HTTPS on a TLS socket or when the proxy says X-Forwarded-Proto: https', () => {
    expect(isHttpsRequest({}, true)).toBe(true)
    expect(isHttpsRequest({ 'x-forwarded-proto': 'https' })).toBe(true)
    expect(isHttpsRequest({ 'x-forwarded-proto': 'HTTPS, http' })).toBe(true)
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true)
    expect(isHttpsRequest({ 'x-forwarded-proto': 'http, https' })).toBe(false)
    expect(isHttpsRequest({})).toBe(false)
  })
})

describe('the app server front door (guardRequest)', () => {
  let server: Server
  let port: number
  let seen: Array<{ url?: string; headers: IncomingHttpHeaders }> = []

  beforeAll(async () => {
    // What scripts/server.ts does for every request, in front of a stand-in for Next.
    server = createServer((req, res) => {
      if (!guardRequest(req, res)) return
      seen.push({ url: req.url, headers: { ...req.headers } })
      req.resume()
      req.on('end', () => {
        res.setHeader('Set-Cookie', ['payload-token=abc; Path=/; HttpOnly; SameSite=Lax', 'payload-lng=zh; Path=/'])
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.end('ok')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  /** A raw request: the declared length need not match what is sent, as with a client that streams. */
  const send = (options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: string; end?: boolean }) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      // A fresh connection each time: the server closes the ones it refuses.
      const req = httpRequest(
        { host: '127.0.0.1', port, agent: false, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (c) => (body += c))
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
        },
      )
      req.on('error', reject)
      if (options.body) req.write(options.body)
      // Without a body or end, Node would hold the headers back.
      if (options.end === false) req.flushHeaders()
      else req.end()
    })

  it('puts the security headers on every response, HSTS and Secure cookies only over HTTPS', async () => {
    const plain = await send({})
    expect(plain.status).toBe(200)
    expect(plain.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(plain.headers['x-content-type-options']).toBe('nosniff')
    expect(plain.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(plain.headers['strict-transport-security']).toBeUndefined()
    expect(plain.headers['set-cookie']!.some((c) => /secure/i.test(c))).toBe(false)

    const https = await send({ headers: { 'X-Forwarded-Proto': 'https' } })
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests')
    expect(https.headers['set-cookie']).toEqual([
      'payload-token=abc; Path=/; HttpOnly; SameSite=Lax; Secure',
      'payload-lng=zh; Path=/; Secure',
    ])
  })

  it('refuses an oversized JSON body with 413 in Chinese before reading it', async () => {
    seen = []
    const res = await send({
      method: 'POST',
      path: '/api/news',
      headers: { 'Content-Type': 'application/json', 'Content-Length': MAX_JSON_BYTES + 1 },
      body: '{"title":"',
      end: false,
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body).errors[0].message).toMatch(/请求内容超过上限 2 MB/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(seen).toEqual([])
    // A small body passes.
    const ok = await send({
      method: 'POST',
      path: '/api/news',
      headers: { 'Content-Type': 'application/json', 'Content-Length': 2 },
      body: '{}',
    })
    expect(ok.status).toBe(200)
  })

  it('lets uploads reach the largest allowed file size, and no further', async () => {
    seen = []
    const over = await send({
      method: 'POST',
      path: '/api/media',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': MAX_MULTIPART_BYTES + 1 },
      end: false,
    })
    expect(over.status).toBe(413)
    expect(JSON.parse(over.body).errors[0].message).toMatch(/上传内容超过上限 500 MB/)
    expect(seen).toEqual([])
  })

  it('refuses a body of undeclared length (chunked) with 411', async () => {
    const res = await send({
      method: 'POST',
      path: '/api/news',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: '{}',
      end: false,
    })
    expect(res.status).toBe(411)
    expect(JSON.parse(res.body).errors[0].message).toMatch(/Content-Length/)
  })

  it('leaves the origin check to Payload for writes and cross-origin reads only', async () => {
    seen = []
    await send({ headers: { 'Sec-Fetch-Site': 'cross-site' } })
    await send({ headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })
    await send({ method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Length': 2 }, body: '{}' })
    expect(seen.map((s) => s.headers['sec-fetch-site'])).toEqual(['same-origin', 'cross-site', 'cross-site'])
  })
})

describe('Payload: cookies, CSRF, GraphQL, uploads', () => {
  let payload: Payload
  let sysAdminToken: string
  let editorToken: string

  const rest = async (method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: BodyInit) => {
    const url = new URL(`http://localhost:3000/api/${path}`)
    const handler = (method === 'GET' ? REST_GET : REST_POST)(config)
    return handler(new Request(url, { method, headers, body }), {
      params: Promise.resolve({ slug: url.pathname.replace('/api/', '').split('/') }),
    })
  }
  const graphql = (query: string, headers: Record<string, string> = {}) =>
    withGraphQLStatus(GRAPHQL_POST(config))(
      new Request('http://localhost:3000/api/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
        body: JSON.stringify({ query }),
      }),
    )

  beforeAll(async () => {
    payload = await testPayload()
    ;[sysAdminToken, editorToken] = await Promise.all([tokenFor('sysadmin@demo.edu.cn'), tokenFor('editor@demo.edu.cn')])
  })
  afterAll(async () => {
    await closePayload(payload)
  })

  it('trusts only the configured origins and this machine', () => {
    expect(payload.config.csrf).toEqual(trustedOrigins())
    expect(
      trustedOrigins({ PORT: '4000', PUBLIC_URL: 'https://dangjian.example.edu.cn/, http://10.0.0.5:4000/admin, javascript:alert(1)' }),
    ).toEqual([
      'https://dangjian.example.edu.cn',
      'http://10.0.0.5:4000',
      'http://localhost:4000',
      'http://127.0.0.1:4000',
      'http://[::1]:4000',
    ])
  })

  it('issues the session cookie HttpOnly and SameSite=Lax, and honours it only from a trusted origin', async () => {
    const login = await rest(
      'POST',
      'users/login',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ email: 'member@demo.edu.cn', password: DEMO_PASSWORD }),
    )
    expect(login.status).toBe(200)
    const cookie = login.headers.get('set-cookie')!
    expect(cookie).toMatch(/^payload-token=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const token = /payload-token=([^;]+)/.exec(cookie)![1]

    const me = async (headers: Record<string, string>) =>
      (
        (await (await rest('GET', 'users/me', { Cookie: `payload-token=${token}`, ...headers })).json()) as {
          user: { email: string } | null
        }
      ).user?.email ?? null
    const own = payload.config.csrf.find((o) => o.startsWith('http://localhost:'))!
    expect(await me({ Origin: own })).toBe('member@demo.edu.cn')
    expect(await me({ 'Sec-Fetch-Site': 'same-origin' })).toBe('member@demo.edu.cn')
    expect(await me({ Origin: 'https://evil.example' })).toBeNull()
    expect(await me({ 'Sec-Fetch-Site': 'cross-site' })).toBeNull()

    // The heartbeat fast path reads the cookie itself, under the same rule.
    const beat = (headers: Record<string, string>) =>
      callFast(
        heartbeatRoute,
        payload,
        new Headers({ Cookie: `payload-token=${token}`, 'Content-Type': 'application/json', ...headers }),
        '{}',
      )
    expect((await beat({ Origin: 'https://evil.example' })).status).toBe(401)
    expect((await beat({})).status).toBe(401)
    // Signed in (the empty beat itself is refused as incomplete, not as unauthenticated).
    expect((await beat({ Origin: own })).status).not.toBe(401)

    // The same from another site through GraphQL: the cookie does not count.
    const forged = await graphql('{ meUser { user { email } } }', { Cookie: `payload-token=${token}`, Origin: 'https://evil.example' })
    expect(((await forged.json()) as { data: { meUser: { user: unknown } } }).data.meUser.user).toBeNull()
  })

  const nested = (levels: number) => `{ Organizations(limit: 1) { docs { ${'parent { '.repeat(levels)}name${' }'.repeat(levels)} } } }`

  it(`answers a GraphQL query nested deeper than ${MAX_QUERY_DEPTH} levels with 400 and a clear message`, async () => {
    const auth = { Authorization: `JWT ${sysAdminToken}` }
    // Organizations › docs › parent ×5 › name: 8 levels.
    const ok = await graphql(nested(MAX_QUERY_DEPTH - 3), auth)
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { errors?: unknown }).errors).toBeUndefined()

    const deep = await graphql(nested(MAX_QUERY_DEPTH - 2), auth)
    expect(deep.status).toBe(400)
    const body = (await deep.json()) as { data?: unknown; errors: Array<{ message: string }> }
    expect(body.data).toBeUndefined()
    expect(body.errors[0].message).toBe(`查询嵌套过深：超过上限 ${MAX_QUERY_DEPTH} 层。请减少嵌套层级，或分成几次查询`)

    // Hidden in a fragment cycle-free chain, and through the route as Next serves it.
    const tooDeep = async (res: Response) => {
      expect(res.status).toBe(400)
      const { errors } = (await res.json()) as { errors: Array<{ message: string }> }
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^查询嵌套过深/)])
    }
    await tooDeep(
      await graphql(
        `
          query {
            Organizations {
              docs {
                ...A
              }
            }
          }
          fragment A on Organization {
            parent {
              ...B
            }
          }
          fragment B on Organization {
            parent {
              parent {
                parent {
                  parent {
                    parent {
                      name
                    }
                  }
                }
              }
            }
          }
        `,
        auth,
      ),
    )
    const route = await import('../../../src/app/(payload)/api/graphql/route')
    await tooDeep(
      await route.POST(
        new Request('http://localhost:3000/api/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...auth },
          body: JSON.stringify({ query: nested(10) }),
        }),
      ),
    )
  })

  it('answers an over-complex GraphQL query (many aliases) with 400 in Chinese', async () => {
    const query = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: Themes(limit: 1) { docs { id name } }`).join(' ')} }`
    const res = await graphql(query, { Authorization: `JWT ${sysAdminToken}` })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { errors: Array<{ message: string }> }).errors[0].message).toMatch(
      /^查询过于复杂：复杂度 \d+，超过上限 500/,
    )
  })

  it('refuses introspection in production unless GRAPHQL_INTROSPECTION=true, and allows it otherwise', async () => {
    const query = '{ __schema { queryType { name } } }'
    const env = { NODE_ENV: process.env.NODE_ENV, GRAPHQL_INTROSPECTION: process.env.GRAPHQL_INTROSPECTION }
    try {
      delete process.env.GRAPHQL_INTROSPECTION
      const dev = await graphql(query)
      expect(dev.status).toBe(200)
      expect(((await dev.json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType.name).toBe('Query')

      ;(process.env as Record<string, string>).NODE_ENV = 'production'
      const prod = await graphql(query)
      expect(prod.status).toBe(400)
      expect(((await prod.json()) as { errors: Array<{ message: string }> }).errors[0].message).toBe(
        '生产环境不开放 GraphQL 内省查询（__schema、__type）',
      )
      expect((await graphql('{ __type(name: "Query") { name } }')).status).toBe(400)
      // __typename is not introspection.
      expect((await graphql('{ __typename }')).status).toBe(200)

      process.env.GRAPHQL_INTROSPECTION = 'true'
      expect((await graphql(query)).status).toBe(200)
    } finally {
      ;(process.env as Record<string, string | undefined>).NODE_ENV = env.NODE_ENV
      if (env.GRAPHQL_INTROSPECTION === undefined) delete process.env.GRAPHQL_INTROSPECTION
      else process.env.GRAPHQL_INTROSPECTION = env.GRAPHQL_INTROSPECTION
    }
  })

  it('does not upload from a URL: paste-URL is off and a remote url on create is refused, fetching nothing', async () => {
    expect(payload.collections.media.config.upload.pasteURL).toBe(false)
    const auth = { Authorization: `JWT ${editorToken}` }

    // A listener on loopback that records whether the server fetched from it.
    let fetched = 0
    const target = createServer((_, res) => {
      fetched++
      res.writeHead(200, { 'Content-Type': 'image/png' })
      res.end()
    })
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/x.png`
    try {
      const paste = await rest('GET', `media/paste-url?src=${encodeURIComponent(url)}`, auth)
      expect(paste.status).toBe(400)
      expect(((await paste.json()) as { errors: Array<{ message: string }> }).errors[0].message).toBe(UPLOAD_FROM_URL_REFUSED)

      const before = (await payload.count({ collection: 'media' })).totalDocs
      for (const remote of [url, 'https://example.com/a.png']) {
        const create = await rest(
          'POST',
          'media',
          { ...auth, 'Content-Type': 'application/json' },
          JSON.stringify({ filename: 'x.png', url: remote, alt: '测试' }),
        )
        expect(create.status).toBe(400)
        expect(((await create.json()) as { errors: Array<{ message: string }> }).errors[0].message).toBe(UPLOAD_FROM_URL_REFUSED)
      }
      expect(fetched).toBe(0)
      expect((await payload.count({ collection: 'media' })).totalDocs).toBe(before)
    } finally {
      await new Promise<void>((r) => target.close(() => r()))
    }
  })

  it("turns Payload's own multipart limits into 413 in Chinese instead of 500", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer()
    const form = new FormData()
    for (let i = 0; i < 4; i++) form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `${i}.png`)
    form.append('_payload', JSON.stringify({ alt: '测试' }))
    const res = await rest('POST', 'media', { Authorization: `JWT ${editorToken}` }, form)
    expect(res.status).toBe(413)
    expect(((await res.json()) as { errors: Array<{ message: string }> }).errors[0].message).toMatch(/文件或字段过多/)

    // A file over the size limit (not practical to send here: 500 MB) is mapped the same way.
    const mapped = await (securityAfterError as (a: unknown) => Promise<unknown> | unknown)({
      error: new APIError('File size limit has been reached', 500),
    })
    expect(mapped).toEqual({ status: 413, response: { errors: [{ message: expect.stringMatching(/上传内容超过上限 500 MB/) }] } })
  })
})
