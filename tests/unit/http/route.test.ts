import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { RateLimitError } from '../../../src/auth/rateLimit'
import { HttpError } from '../../../src/http/errors'
import { flag, id, optionalInt } from '../../../src/http/input'
import { toEndpoint } from '../../../src/http/payload'
import { answer, defineRoute, replyHeaders, type FastRequest, type Route } from '../../../src/http/route'

/**
 * The route model without services: every route of the table is checked in this order — callers,
 * rate limit, query, body — before its handler runs, and every refusal, whoever raises it, leaves in
 * the one error shape with its status and headers. The table's routes against a real database:
 * tests/int/http/routes.test.ts.
 */
const payload = { config: { cookiePrefix: 'payload' } } as unknown as Payload
type User = NonNullable<FastRequest['user']>
const user = (fields: { id?: number; roles?: string[]; active?: boolean }): User =>
  ({ id: fields.id ?? 7, collection: 'users', roles: fields.roles ?? ['member'], active: fields.active ?? true }) as unknown as User

const call = async (route: Route, options: { user?: User | null; url?: string; body?: string; contentType?: string } = {}) => {
  const req: FastRequest = {
    user: options.user ?? null,
    payload,
    context: {},
    url: options.url ?? `http://app/api${route.path}`,
    headers: new Headers(options.contentType ? { 'content-type': options.contentType } : {}),
  }
  const reply = await answer(() => route.serveFast!(req, { text: async () => options.body ?? '', params: {}, session: null, timing: [] }))
  if (reply instanceof Response) throw new Error('expected JSON')
  return {
    status: reply.status ?? 200,
    json: reply.json as { errors?: Array<{ message: string; data?: unknown }> },
    headers: reply.headers,
  }
}

const echo = (spec: Partial<Parameters<typeof defineRoute>[0]> = {}) =>
  defineRoute({
    method: 'post',
    path: '/echo',
    callers: 'signedIn',
    fast: true,
    handler: async (_req, input) => ({ json: { query: input.query, body: input.body } }),
    ...spec,
  } as Parameters<typeof defineRoute>[0])

describe('who may call', () => {
  it('refuses a visitor 401, a disabled account 403 and a member without the role 403 with the route’s words', async () => {
    const route = defineRoute({
      method: 'get',
      path: '/secret',
      callers: ['partyCommittee'],
      refusal: '只有党委可以查看',
      fast: true,
      handler: async () => ({ json: { ok: true } }),
    })
    expect(await call(route)).toMatchObject({ status: 401, json: { errors: [{ message: '请先登录' }] } })
    expect(await call(route, { user: user({ roles: ['partyCommittee'], active: false }) })).toMatchObject({
      status: 403,
      json: { errors: [{ message: '账号已停用' }] },
    })
    expect(await call(route, { user: user({ roles: ['member'] }) })).toMatchObject({
      status: 403,
      json: { errors: [{ message: '只有党委可以查看' }] },
    })
    expect(await call(route, { user: user({ roles: ['partyCommittee'] }) })).toMatchObject({ status: 200, json: { ok: true } })
  })

  it('lets anyone through where the route says so, the handler seeing no user', async () => {
    const route = defineRoute({
      method: 'get',
      path: '/open',
      callers: 'anyone',
      fast: true,
      handler: async (req) => ({ json: { user: req.user } }),
    })
    expect(await call(route)).toMatchObject({ status: 200, json: { user: null } })
  })
})

describe('input', () => {
  const route = defineRoute({
    method: 'get',
    path: '/list',
    callers: 'anyone',
    fast: true,
    query: { page: optionalInt(1, 10), behind: flag },
    handler: async (_req, { query }) => ({ json: query }),
  })
  it('parses the declared query and refuses any other name, a repeated one or a bad value, naming it', async () => {
    expect((await call(route, { url: 'http://app/api/list?page=3&behind=1' })).json).toEqual({ page: 3, behind: true })
    expect((await call(route, { url: 'http://app/api/list' })).json).toEqual({ page: undefined, behind: false })
    // Node's request line gives a path alone: read the same.
    expect((await call(route, { url: '/api/list?page=4' })).json).toEqual({ page: 4, behind: false })
    const unknown = await call(route, { url: 'http://app/api/list?pages=3' })
    expect(unknown.status).toBe(400)
    expect(unknown.json.errors![0].message).toContain('pages')
    expect((await call(route, { url: 'http://app/api/list?page=1&page=2' })).json.errors![0].message).toBe('参数 page 只能出现一次')
    expect((await call(route, { url: 'http://app/api/list?page=11' })).json.errors![0].message).toBe('page 必须是 1–10 之间的整数')
    expect((await call(route, { url: 'http://app/api/list?behind=yes' })).json.errors![0].message).toBe('behind 必须是 1 或 0')
  })

  it('takes a JSON object body with the declared fields only', async () => {
    const body = echo({ body: { quizId: id('测验编号') } })
    const member = user({})
    expect(await call(body, { user: member, body: '{"quizId":5}', contentType: 'application/json' })).toMatchObject({
      status: 200,
      json: { body: { quizId: 5 } },
    })
    expect((await call(body, { user: member, body: '{"quizId":5}', contentType: 'text/plain' })).status).toBe(415)
    expect((await call(body, { user: member, body: '', contentType: 'application/json' })).status).toBe(400)
    expect((await call(body, { user: member, body: '[1]', contentType: 'application/json' })).status).toBe(400)
    const extra = await call(body, { user: member, body: '{"quizId":5,"score":100}', contentType: 'application/json' })
    expect(extra.status).toBe(400)
    expect(extra.json.errors![0].message).toContain('score')
    expect(
      (await call(body, { user: member, body: '{"quizId":"1 OR 1=1"}', contentType: 'application/json' })).json.errors![0].message,
    ).toBe('quizId 必须是测验编号（正整数）')
  })

  it('checks who calls before reading the input: a visitor learns nothing about the fields', async () => {
    const body = echo({ body: { quizId: id('测验编号') } })
    expect((await call(body, { body: '{"nope":1}', contentType: 'application/json' })).status).toBe(401)
  })
})

describe('refusals', () => {
  it('answer any HttpError, domain ones included, in the one shape with status, data and headers', async () => {
    const refusing = (error: Error) =>
      defineRoute({ method: 'get', path: '/x', callers: 'anyone', fast: true, handler: async () => Promise.reject(error) })
    const withData = await call(refusing(new HttpError(409, '须先完成第 3 步', { data: { from: '2026-12-01' } })))
    expect(withData).toMatchObject({ status: 409, json: { errors: [{ message: '须先完成第 3 步', data: { from: '2026-12-01' } }] } })
    const limited = await call(refusing(new RateLimitError('quiz', 12)))
    expect(limited.status).toBe(429)
    expect(limited.headers).toMatchObject({ 'Retry-After': '12' })
    expect(limited.json.errors![0].message).toBe('答题请求过于频繁，请 12 秒后再试')
    await expect(call(refusing(new TypeError('bug')))).rejects.toThrow('bug')
  })

  it('go out never cached, with the time of each step', () => {
    expect(replyHeaders({ json: {} }, [['auth', 1.234]])).toMatchObject({ 'Cache-Control': 'no-store', 'Server-Timing': 'auth;dur=1.23' })
  })
})

describe('the table’s shape', () => {
  it('mounts a collection’s route below its slug and refuses one outside it', () => {
    const route = defineRoute({
      method: 'get',
      path: '/quiz-attempts/leaderboard',
      collection: 'quiz-attempts',
      callers: 'signedIn',
      handler: async () => ({ json: {} }),
    })
    expect(toEndpoint(route)).toMatchObject({ method: 'get', path: '/leaderboard' })
    const stray = defineRoute({
      method: 'get',
      path: '/elsewhere',
      collection: 'quiz-attempts',
      callers: 'signedIn',
      handler: async () => ({ json: {} }),
    })
    expect(() => toEndpoint(stray)).toThrow()
  })

  it('refuses a fast route with path parameters, or reading only the token without requiring a sign-in', () => {
    expect(() =>
      defineRoute({ method: 'get', path: '/x/:id', callers: 'anyone', fast: true, handler: async () => ({ json: {} }) }),
    ).toThrow()
    expect(() =>
      defineRoute({ method: 'get', path: '/x', callers: 'anyone', fast: true, viewer: 'token', handler: async () => ({ json: {} }) }),
    ).toThrow()
  })
})
