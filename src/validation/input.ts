/**
 * Checks for request input shared by the REST guard, the Payload hooks and our own endpoints, so
 * every one of them refuses malformed input the same way: before any work, with a 4xx and a
 * Chinese message that says what to fix.
 */

/** Postgres `integer` ids (serial): anything above this cannot name a row and makes the query fail. */
export const MAX_ID = 2_147_483_647

/**
 * How deeply a JSON body may nest. Lexical documents (lists in lists, tables) stay far below; past
 * a few thousand levels Payload's recursive copies overflow the stack.
 */
export const MAX_NESTING = 64

export type Refusal = { status: number; message: string }

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether a parsed JSON value nests deeper than `max` objects/arrays (iterative: no stack to overflow). */
export const nestsDeeperThan = (value: unknown, max = MAX_NESTING): boolean => {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth > max) return true
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
  }
  return false
}

/** A row id: a positive integer (or its decimal digits) Postgres can hold, else null. `1.5`, `1e3`, `0x1`, `1' OR …` are not ids. */
export const parseId = (raw: unknown): number | null => {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 && raw <= MAX_ID ? raw : null
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) return null
  const n = Number(raw)
  return n <= MAX_ID ? n : null
}

/**
 * An ISO 8601 date or date-time (what the admin and our clients send). `Date.parse` alone accepts
 * `2025-01-01\u0000` and other text Postgres then refuses.
 */
export const isDateTime = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value) &&
  !Number.isNaN(Date.parse(value))

/** What a value is, in words for a message. */
export const kindOf = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return '数组'
  switch (typeof value) {
    case 'string':
      return '文字'
    case 'number':
      return '数字'
    case 'boolean':
      return '真假值'
    case 'object':
      return '对象'
    default:
      return typeof value
  }
}

/** `application/json; charset=utf-8` → `application/json`. */
export const mediaTypeOf = (contentType: string | null | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase()

export const NOT_JSON_TYPE = (contentType: string | null | undefined) =>
  `请求内容类型必须是 application/json（收到的是 ${mediaTypeOf(contentType) || '未声明'}）`
export const EMPTY_BODY = '请求内容不能为空：请提交一个 JSON 对象'
export const INVALID_JSON = '请求内容不是有效的 JSON，请检查引号、逗号和括号是否成对'
export const NOT_AN_OBJECT = (value: unknown) => `请求内容必须是 JSON 对象（{ … }），收到的是${kindOf(value)}`
export const TOO_DEEP = `请求内容嵌套过深（超过 ${MAX_NESTING} 层）`

/**
 * A JSON body that must be one object: declared as JSON, not empty, valid, an object, not nested
 * beyond reason. Either the object or why it is refused (415 or 400).
 */
export const parseJsonObject = (
  text: string,
  contentType: string | null | undefined,
): { ok: true; value: Record<string, unknown> } | ({ ok: false } & Refusal) => {
  if (mediaTypeOf(contentType) !== 'application/json') return { ok: false, status: 415, message: NOT_JSON_TYPE(contentType) }
  if (!text.trim()) return { ok: false, status: 400, message: EMPTY_BODY }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, status: 400, message: INVALID_JSON }
  }
  if (!isPlainObject(value)) return { ok: false, status: 400, message: NOT_AN_OBJECT(value) }
  if (nestsDeeperThan(value)) return { ok: false, status: 400, message: TOO_DEEP }
  return { ok: true, value }
}

/** Fields of a body that the endpoint does not know, as a refusal naming them and the known ones. */
export const unknownFields = (body: Record<string, unknown>, known: readonly string[]): Refusal | null => {
  const extra = Object.keys(body).filter((k) => !known.includes(k))
  if (!extra.length) return null
  const shown = extra.slice(0, 5).map((k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k))
  return {
    status: 400,
    message: `不支持的字段：${shown.join('、')}${extra.length > 5 ? ` 等 ${extra.length} 个` : ''}（可用字段：${known.join('、')}）`,
  }
}

/**
 * Query parameters of an endpoint: only the known names, each at most once. `org[]=1` or a
 * repeated `page` is a mistake the caller should hear about, not something to guess at.
 */
export const checkQueryNames = (params: URLSearchParams, known: readonly string[]): Refusal | null => {
  const names = [...new Set(params.keys())]
  const extra = names.filter((n) => !known.includes(n))
  if (extra.length) {
    const shown = extra.slice(0, 5).map((k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k))
    return { status: 400, message: `不支持的参数：${shown.join('、')}（可用参数：${known.join('、') || '无'}）` }
  }
  const repeated = names.find((n) => params.getAll(n).length > 1)
  if (repeated) return { status: 400, message: `参数 ${repeated} 只能出现一次` }
  return null
}

/** An optional integer query parameter within bounds: undefined when absent, a refusal when malformed. */
export const intParam = (params: URLSearchParams, name: string, min: number, max: number): number | undefined | Refusal => {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  if (!/^-?\d{1,16}$/.test(raw) || Number(raw) < min || Number(raw) > max)
    return { status: 400, message: `${name} 必须是 ${min}–${max} 之间的整数` }
  return Number(raw)
}

export const isRefusal = (v: unknown): v is Refusal => isPlainObject(v) && typeof v.status === 'number' && typeof v.message === 'string'
