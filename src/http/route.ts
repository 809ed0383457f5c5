import type { CollectionSlug, PayloadRequest } from 'payload'

import { hasRole, type Role } from '../access/roles'
import { clientIp } from '../audit/record'
import { consume, type LimitKind } from '../auth/rateLimit'
import { carriesToken, DATABASE_UNAVAILABLE_MESSAGE, databaseDown } from '../db/unavailable'
import { checkQueryNames, parseJsonObject, unknownFields } from '../validation/input'
import { serverTiming, stepTimer, type Timing } from '../timing'
import { asHttpError, errorBody, HttpError } from './errors'

/**
 * One row of the route table (src/http/routes.ts): method, path, who may call, rate limit, input
 * schema and handler. From it come both the Payload endpoint (src/http/payload.ts) and, for `fast`
 * routes, the app server's answer before Next (src/http/node.ts), so the two cannot disagree on
 * who may call or what input is refused. Refusals are HttpError, answered in the one error shape.
 */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Who may call: anyone (the handler may still read the viewer), any active signed-in account, or holders of one of these roles. */
export type Callers = 'anyone' | 'signedIn' | readonly Role[]

/** A field's parser: the raw value (a query string value or a JSON value; undefined when absent) → the value, or an HttpError (400). */
export type Parse<T> = (raw: unknown, name: string) => T
export type Schema = Record<string, Parse<unknown>>
export type Parsed<S extends Schema> = { [K in keyof S]: ReturnType<S[K]> }

/**
 * What a handler may read of its request. Payload's endpoints hand it Payload's request; the app
 * server's fast paths a lighter one with the same fields (the viewer read in one query, src/viewer).
 */
export type FastRequest = Pick<PayloadRequest, 'user' | 'payload' | 'context' | 'url'> & { headers: Pick<Headers, 'get'> }

/** A handler's answer: a Response, or JSON with a status (default 200) that each adapter writes its own way. */
export type Reply = Response | { status?: number; json: unknown; timing?: string; headers?: Record<string, string> }

/** A JSON answer already serialised (a kept answer is written as it was, not serialised again). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The body of a JSON reply. */
export const jsonBody = (reply: Exclude<Reply, Response>): string =>
  reply.json instanceof JsonText ? reply.json.text : JSON.stringify(reply.json)

export type Input<Q extends Schema, B extends Schema> = {
  query: Parsed<Q>
  body: Parsed<B>
  /** Path parameters (`:id`), as text: parse them with the schema helpers (src/http/input.ts). */
  params: Record<string, string | undefined>
  /** The signed-in session's id (Payload's `sid`), for work that must end with the session. */
  session: string | null
  /** The body's text, for routes without a body schema that parse it themselves (read once). */
  text: () => Promise<string>
  /** Steps so far (viewer, auth, limit, input); a handler adds its own and they go out as Server-Timing. */
  timing: Timing
}

type RouteSpec<R, Q extends Schema, B extends Schema> = {
  method: Method
  /** The whole path below /api, e.g. `/quiz-attempts/:id/submit`. */
  path: string
  /** The collection that mounts it (its Payload endpoints, under /api/<slug>); none: the config's root endpoints. */
  collection?: CollectionSlug
  callers: Callers
  /** The message for a signed-in caller without the roles (403). */
  refusal?: string
  /** Counted per account and per source address before the handler (429 past the limit). */
  rateLimit?: LimitKind
  /** The query's names and their parsers: any other name, or one given twice, is a 400. */
  query?: Q
  /**
   * The handler reads the query itself, for names another party composes (a provider's callback, a
   * mailed link) or that are not fixed (the admin list's where[…] filters the audit export passes on):
   * no names are checked here. Not with `query`.
   */
  anyQuery?: true
  /** A JSON object body: its fields and their parsers; any other field is a 400. Without it the handler reads the body itself. */
  body?: B
  /** With `body`: an empty body reads as `{}` (every field absent), for bodies whose fields are all optional. */
  bodyOptional?: true
  /** The body may be an HTML form (a protocol's POST, e.g. CAS single logout): src/validation/restGuard.ts lets it through. */
  acceptsForm?: true
  handler: (req: R, input: Input<Q, B>) => Promise<Reply>
}

/**
 * `fast`: also answered by the app server before Next (scripts/server.ts), for paths that must
 * stay cheap (heartbeats by the thousand a second, search within twice Meilisearch, the cockpit).
 * Its handler takes the lighter request, and its path has no parameters. `viewer: 'token'` there
 * reads only the token (signature and expiry, no query): the handler checks the session itself.
 */
export type FastRouteSpec<Q extends Schema, B extends Schema> = RouteSpec<FastRequest, Q, B> & { fast: true; viewer?: 'session' | 'token' }
export type PayloadRouteSpec<Q extends Schema, B extends Schema> = RouteSpec<PayloadRequest, Q, B> & { fast?: false }

/** A route with its types erased: what the table holds and the adapters serve. */
export type Route = {
  method: Method
  path: string
  collection?: CollectionSlug
  callers: Callers
  viewer: 'session' | 'token'
  rateLimit?: LimitKind
  acceptsForm?: true
  /** Checks and handler, for Payload's request (the endpoint). */
  serve: (req: PayloadRequest, call: Call) => Promise<Reply>
  /** The same for the app server's lighter request: fast routes only. */
  serveFast?: (req: FastRequest, call: Call) => Promise<Reply>
}

/** What an adapter supplies beside the request: the body's text (read once, size-limited by the adapter), path parameters, the session id. */
export type Call = { text: () => Promise<string>; params: Record<string, string | undefined>; session: string | null; timing: Timing }

const authorise = async (req: FastRequest, callers: Callers, refusal?: string) => {
  if (callers === 'anyone') return
  const user = req.user
  if (!user) {
    // A token whose user could not be read because the database is down: 503 to retry, not "please log in".
    if (carriesToken(req.headers, req.payload.config.cookiePrefix) && (await databaseDown(req.payload)))
      throw new HttpError(503, DATABASE_UNAVAILABLE_MESSAGE, { headers: { 'Retry-After': '2' } })
    throw new HttpError(401, '请先登录')
  }
  if (user.active === false) throw new HttpError(403, '账号已停用')
  if (callers !== 'signedIn' && !hasRole(user, ...callers)) throw new HttpError(403, refusal ?? '您没有权限进行此操作')
}

const parseQuery = <Q extends Schema>(url: string | undefined, schema: Q): Parsed<Q> => {
  // The query string alone (no URL parse: a heartbeat's path has none, thousands a second); a bare path or a whole URL alike.
  const at = url?.indexOf('?') ?? -1
  const params = new URLSearchParams(at < 0 ? '' : url!.slice(at + 1).split('#')[0])
  const names = checkQueryNames(params, Object.keys(schema))
  if (names) throw new HttpError(names.status, names.message)
  return Object.fromEntries(Object.entries(schema).map(([name, parse]) => [name, parse(params.get(name) ?? undefined, name)])) as Parsed<Q>
}

const parseBody = <B extends Schema>(text: string, contentType: string | null, schema: B, optional?: true): Parsed<B> => {
  const parsed = optional && text === '' ? { ok: true as const, value: {} } : parseJsonObject(text, contentType)
  if (!parsed.ok) throw new HttpError(parsed.status, parsed.message)
  const unknown = unknownFields(parsed.value, Object.keys(schema))
  if (unknown) throw new HttpError(unknown.status, unknown.message)
  return Object.fromEntries(Object.entries(schema).map(([name, parse]) => [name, parse(parsed.value[name], name)])) as Parsed<B>
}

const run = async <R extends FastRequest, Q extends Schema, B extends Schema>(spec: RouteSpec<R, Q, B>, req: R, call: Call) => {
  const step = stepTimer(call.timing)
  await authorise(req, spec.callers, spec.refusal)
  step('auth')
  if (spec.rateLimit) {
    await consume(spec.rateLimit, { account: req.user?.id, address: clientIp(req) })
    step('limit')
  }
  const query = spec.anyQuery ? ({} as Parsed<Q>) : parseQuery(req.url, spec.query ?? ({} as Q))
  const body = spec.body ? parseBody(await call.text(), req.headers.get('content-type'), spec.body, spec.bodyOptional) : ({} as Parsed<B>)
  return spec.handler(req, { query, body, params: call.params, session: call.session, text: call.text, timing: call.timing })
}

/** One route of the table, checked in this order: callers, rate limit, query, body; then the handler. */
export function defineRoute<Q extends Schema, B extends Schema>(spec: FastRouteSpec<Q, B>): Route
export function defineRoute<Q extends Schema, B extends Schema>(spec: PayloadRouteSpec<Q, B>): Route
export function defineRoute<Q extends Schema, B extends Schema>(spec: FastRouteSpec<Q, B> | PayloadRouteSpec<Q, B>): Route {
  if (spec.anyQuery && spec.query) throw new Error(`路由不能既自己读取查询参数又声明参数：${spec.path}`)
  const common = {
    method: spec.method,
    path: spec.path,
    collection: spec.collection,
    callers: spec.callers,
    rateLimit: spec.rateLimit,
    acceptsForm: spec.acceptsForm,
  }
  if (spec.fast === true) {
    const viewer = spec.viewer ?? 'session'
    if (spec.path.includes(':')) throw new Error(`快速路径不支持路径参数：${spec.path}`)
    if (viewer === 'token' && spec.callers !== 'signedIn') throw new Error(`只读令牌的路由只能限定为已登录：${spec.path}`)
    const serveFast = (req: FastRequest, call: Call) => run(spec, req, call)
    return { ...common, viewer, serve: serveFast, serveFast }
  }
  return { ...common, viewer: 'session', serve: (req, call) => run(spec, req, call) }
}

/** Runs a route's serve and turns a refusal (or the database being down) into the error shape; anything else goes on. */
export const answer = async (work: () => Promise<Reply>): Promise<Reply> => {
  try {
    return await work()
  } catch (error) {
    const known = asHttpError(error)
    if (!known) throw error
    return { status: known.status, json: errorBody(known.message, known.data), headers: known.headers }
  }
}

/** The headers of a JSON reply: never cached, and where the time went (browser dev tools; the benchmarks sum it). */
export const replyHeaders = (reply: Exclude<Reply, Response>, timing: Timing): Record<string, string> => {
  const steps = reply.timing ?? (timing.length ? serverTiming(timing) : undefined)
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(steps ? { 'Server-Timing': steps } : {}),
    ...reply.headers,
  }
}

/** A Reply as a Response (Payload endpoints). */
export const toResponse = (reply: Reply, timing: Timing): Response =>
  reply instanceof Response ? reply : new Response(jsonBody(reply), { status: reply.status ?? 200, headers: replyHeaders(reply, timing) })
