import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import type { Endpoint, SanitizedCollectionConfig, SanitizedConfig, SanitizedGlobalConfig } from 'payload'

import { isPlainObject, mediaTypeOf, parseId, parseJsonObject, type Refusal } from './input'
import { emailProblem } from './strictInput'
import { errorBody } from '../http/errorBody'

/**
 * The front door of Payload's REST API (`/api/*`, src/app/(payload)/api/[...slug]/route.ts).
 * Payload answers much malformed input with a 500 or acts on a guess: `/api/news/1' OR '1'='1`
 * reads (and DELETE deletes) news 1, `/api/news/abc` and `?page=-1` are 500s, a body that is not a
 * JSON object or is sent as text/plain crashes the create operation, `X-HTTP-Method-Override` with
 * broken JSON throws outside its error handling. This refuses such requests before Payload sees
 * them, with a 4xx and a Chinese message; well-formed requests pass through untouched.
 */
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
type Args = { params: Promise<{ slug?: string[] }> }
type Handler = (request: Request, args: Args) => Promise<Response>

const refuse = ({ status, message }: Refusal) => Response.json(errorBody(message), { status, headers: { 'Cache-Control': 'no-store' } })

/** Payload's endpoint paths (`/:id`, `/versions/:id`, `/access/:id?`) against the request's segments. */
const matchPath = (pattern: string, segments: string[]): Record<string, string> | null => {
  const params: Record<string, string> = {}
  let i = 0
  for (const part of pattern.split('/').filter(Boolean)) {
    if (part.startsWith(':')) {
      const optional = part.endsWith('?')
      if (i >= segments.length) {
        if (optional) continue
        return null
      }
      params[part.slice(1, optional ? -1 : undefined)] = segments[i++]
    } else if (segments[i++] !== part) return null
  }
  return i === segments.length ? params : null
}

type Route = {
  collection?: SanitizedCollectionConfig
  global?: SanitizedGlobalConfig
  endpoint?: Endpoint
  params: Record<string, string>
}

/** Which endpoint Payload's handleEndpoints would pick for these segments (the same lookup, in the same order). */
const routeOf = (config: SanitizedConfig, method: Method, segments: string[]): Route => {
  let endpoints: Endpoint[] | false | undefined = config.endpoints
  let rest = segments
  let collection: SanitizedCollectionConfig | undefined
  let global: SanitizedGlobalConfig | undefined
  if (segments[0] === 'globals') {
    global = config.globals.find((g) => g.slug === segments[1])
    if (global) {
      endpoints = global.endpoints
      rest = segments.slice(2)
    }
  } else {
    collection = config.collections.find((c) => c.slug === segments[0])
    if (collection) {
      endpoints = collection.endpoints
      rest = segments.slice(1)
    }
  }
  for (const endpoint of endpoints || []) {
    if (endpoint.method !== method.toLowerCase()) continue
    const params = matchPath(endpoint.path, rest)
    if (params) return { collection, global, endpoint, params }
  }
  return { collection, global, params: {} }
}

/** Whether the route saves a document from the body: create, update (one or many), a global's update. */
const savesData = ({ collection, global, endpoint }: Route, method: Method) => {
  if (!endpoint) return false
  if (collection)
    return (method === 'POST' && endpoint.path === '/') || (method === 'PATCH' && (endpoint.path === '/' || endpoint.path === '/:id'))
  if (global) return method === 'POST' && endpoint.path === '/'
  return false
}

const hasCustomId = (collection?: SanitizedCollectionConfig) =>
  Boolean(collection?.flattenedFields.some((f) => 'name' in f && f.name === 'id'))

const AUTH_ROUTES = ['/login', '/forgot-password', '/reset-password', '/unlock', '/first-register']

/** Credentials in the body of login, password reset and the like: strings of sane length. */
const checkCredentials = (body: Record<string, unknown>): Refusal | null => {
  const { email, username, password, token } = body
  if ([email, username, password, token].some((v) => typeof v === 'string' && v.includes('\u0000')))
    return { status: 400, message: '邮箱、用户名、密码和令牌不能包含空字符（\\u0000）' }
  if (email !== undefined && (typeof email !== 'string' || email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)))
    return { status: 400, message: '请输入有效的邮箱地址' }
  if (typeof email === 'string' && emailProblem(email)) return { status: 400, message: emailProblem(email)! }
  if (username !== undefined && (typeof username !== 'string' || username.length > 100))
    return { status: 400, message: '用户名必须是不超过 100 个字符的文字' }
  if (password !== undefined && (typeof password !== 'string' || password.length > 1024))
    return { status: 400, message: '密码必须是不超过 1024 个字符的文字' }
  if (token !== undefined && (typeof token !== 'string' || token.length > 1024)) return { status: 400, message: '令牌（token）必须是文字' }
  return null
}

/** Filters on ids and relationships whose values must be ids (Postgres refuses others with a 500). */
const ID_OPERATORS = new Set(['equals', 'not_equals', 'in', 'not_in', 'all'])

/** Payload's geographic operators, meaningful on point fields only. */
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])

const LIMITS: Record<string, [number, number]> = { limit: [0, 10_000], page: [1, 1_000_000], depth: [0, 10] }

/** `limit`, `page`, `depth`, `sort` and `where` as Payload understands them; anything else it would misread or crash on. */
const checkQuery = (url: URL, route: Route, method: Method): Refusal | null => {
  const params = url.searchParams
  for (const [name, [min, max]] of Object.entries(LIMITS)) {
    const values = params.getAll(name)
    if (!values.length) continue
    if (values.length > 1 || !/^\d{1,10}$/.test(values[0]) || Number(values[0]) < min || Number(values[0]) > max) {
      return { status: 400, message: `参数 ${name} 必须是 ${min}–${max} 之间的整数` }
    }
  }
  if (params.has('where')) return { status: 400, message: '查询条件必须写成 where[字段][运算符]=值，例如 where[title][like]=党史' }
  if (route.collection) {
    const idFields = new Set([
      'id',
      ...route.collection.flattenedFields.filter((f) => f.type === 'relationship' || f.type === 'upload').map((f) => f.name),
    ])
    const pointFields = new Set(route.collection.flattenedFields.filter((f) => f.type === 'point').map((f) => f.name))
    for (const [key, value] of params) {
      if (!key.startsWith('where[')) continue
      // where[or][0][themes][in][1]=5 → field "themes", operator "in"
      const segments = [...key.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])
      while (segments.length && /^\d+$/.test(segments[segments.length - 1])) segments.pop()
      // Geographic operators (near, within, intersects) only on point fields: Payload builds
      // PostGIS-style SQL for any field it is given them on, and Postgres answers with a 500.
      const geo = segments.find((s) => GEO_OPERATORS.has(s))
      if (geo) {
        const field = segments[segments.indexOf(geo) - 1]
        if (!pointFields.has(field))
          return {
            status: 400,
            message: `运算符 ${geo} 只能用于地理坐标（point）字段，“${String(field ?? '').slice(0, 40)}”不是这样的字段`,
          }
      }
      const [field, operator] = segments.slice(-2)
      if (!ID_OPERATORS.has(operator) || !idFields.has(field)) continue
      const bad = value.split(',').find((v) => parseId(v.trim()) === null)
      if (bad !== undefined)
        return { status: 400, message: `查询条件中 ${field} 的值“${bad.slice(0, 40)}”不是有效的编号（1–2147483647 之间的整数）` }
    }
  }
  const sort = params.get('sort')
  if (sort !== null && route.collection && method === 'GET' && route.endpoint?.path === '/') {
    const names = new Set<string>([
      'id',
      'createdAt',
      'updatedAt',
      '_status',
      ...route.collection.flattenedFields.map((f) => ('name' in f ? f.name : '')),
    ])
    for (const item of sort.split(',')) {
      const field = item.trim().replace(/^-/, '').split('.')[0]
      if (!field) continue
      if (!names.has(field)) return { status: 400, message: `不能按“${field.slice(0, 40)}”排序：没有这个字段` }
    }
  }
  return null
}

/**
 * Why Payload should not see this request, or null. For requests with a JSON body, also the body
 * as text (it has been read, so the request is rebuilt with it).
 */
const inspect = async (
  config: SanitizedConfig,
  request: Request,
  method: Method,
  segments: string[],
): Promise<Refusal | { body?: string } | null> => {
  const url = new URL(request.url)
  const override =
    method === 'POST' &&
    ['GET'].includes(
      (request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override') ?? '').toUpperCase(),
    )
  const effective: Method = override ? 'GET' : method
  const route = routeOf(config, effective, segments)

  // Ids in the path: Payload would pass `abc` or `1.5` to Postgres (500) and read `1;DROP` as 1.
  if (route.endpoint && route.params.id !== undefined && !hasCustomId(route.collection) && parseId(route.params.id) === null) {
    return { status: 404, message: `找不到编号为“${route.params.id.slice(0, 40)}”的记录：编号必须是 1–2147483647 之间的整数` }
  }
  const query = checkQuery(url, route, effective)
  if (query) return query

  if (method === 'GET' || method === 'DELETE') return null
  const contentType = request.headers.get('content-type')
  const type = mediaTypeOf(contentType)
  if (type === 'multipart/form-data') {
    // The admin saves documents and uploads as multipart; Payload parses it, but crashes without a boundary.
    return /boundary=/i.test(contentType ?? '') ? null : { status: 400, message: 'multipart/form-data 请求缺少 boundary 参数' }
  }
  if (override && type === 'application/x-www-form-urlencoded') return null
  // An endpoint that a protocol makes take a form (CAS single logout's `logoutRequest`) says so itself.
  if (type === 'application/x-www-form-urlencoded' && route.endpoint?.custom?.acceptsForm === true) return null
  const body = request.body ? await request.text() : ''
  if (!body.trim()) {
    if (savesData(route, method)) return { status: 400, message: '请求内容不能为空：请以 JSON 对象提交要保存的字段' }
    return { body }
  }
  const parsed = parseJsonObject(body, contentType)
  if (!parsed.ok) return parsed
  if (route.collection?.auth && route.endpoint && AUTH_ROUTES.includes(route.endpoint.path)) {
    const credentials = checkCredentials(parsed.value)
    if (credentials) return credentials
  }
  return { body }
}

const guard =
  (config: Promise<SanitizedConfig> | SanitizedConfig, method: Method, handler: Handler): Handler =>
  async (request, args) => {
    const params = await args.params
    const verdict = await inspect(await config, request, method, params.slug ?? [])
    if (verdict && 'status' in verdict) return refuse(verdict)
    if (verdict && 'body' in verdict && verdict.body !== undefined) {
      // The body has been read: hand Payload an identical request carrying it.
      request = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: verdict.body || undefined,
        signal: request.signal,
      })
    }
    return handler(request, { params: Promise.resolve(params) })
  }

/** Payload's REST handlers behind the guard, for the catch-all API route. */
export const guardedREST = (config: Promise<SanitizedConfig> | SanitizedConfig) => ({
  GET: guard(config, 'GET', REST_GET(config) as Handler),
  POST: guard(config, 'POST', REST_POST(config) as Handler),
  PATCH: guard(config, 'PATCH', REST_PATCH(config) as Handler),
  PUT: guard(config, 'PUT', REST_PUT(config) as Handler),
  DELETE: guard(config, 'DELETE', REST_DELETE(config) as Handler),
  OPTIONS: REST_OPTIONS(config),
})

/**
 * In front of Payload's GraphQL route: the body must be a JSON object with a `query` of text
 * (Payload throws on broken JSON outside its error handling: a 500), and an answer whose fields
 * all failed takes the status of the failure (graphql-http answers it 200) — a mutation on a
 * missing id is a 404, not a success.
 */
export const MAX_GRAPHQL_QUERY = 100_000
export const guardedGraphQL =
  (handler: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> => {
    const contentType = request.headers.get('content-type')
    if (mediaTypeOf(contentType) !== 'multipart/form-data') {
      const parsed = parseJsonObject(request.body ? await request.text() : '', contentType)
      if (!parsed.ok) return refuse(parsed)
      const { query, variables, operationName } = parsed.value
      if (typeof query !== 'string' || !query.trim()) return refuse({ status: 400, message: 'GraphQL 请求必须带有文字形式的 query' })
      if (query.length > MAX_GRAPHQL_QUERY) return refuse({ status: 413, message: `GraphQL 查询过长（超过 ${MAX_GRAPHQL_QUERY} 个字符）` })
      if (variables !== undefined && variables !== null && !isPlainObject(variables))
        return refuse({ status: 400, message: 'variables 必须是 JSON 对象' })
      if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
        return refuse({ status: 400, message: 'operationName 必须是文字' })
      request = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: JSON.stringify(parsed.value),
        signal: request.signal,
      })
    }
    const response = await handler(request)
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json')) return response
    const text = await response.text()
    let status = 200
    try {
      const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { statusCode?: number } }> }
      if (Array.isArray(body.errors) && body.errors.length && (!body.data || Object.values(body.data).every((v) => v === null))) {
        const code = body.errors.map((e) => e.extensions?.statusCode).find((c): c is number => typeof c === 'number' && c >= 400)
        status = code ?? 400
      }
    } catch {
      /* not JSON after all: pass it on as it was */
    }
    return new Response(text, { status, headers: response.headers })
  }
