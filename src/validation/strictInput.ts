import type { AfterErrorHook, CollectionBeforeOperationHook, Config, FlattenedField, GlobalConfig, PayloadRequest, Plugin } from 'payload'
import { APIError, ValidationError } from 'payload'

import { isDateTime, isPlainObject, kindOf, MAX_NESTING, nestsDeeperThan, NOT_AN_OBJECT, parseId, TOO_DEEP } from './input'
import { errorBody } from '../http/errorBody'

/**
 * Field types checked on every REST and GraphQL create and update, before Payload or our hooks
 * touch the data. Payload itself stores `title: true` as "true" and `themes: 1` as [1], and answers
 * a select or number of the wrong type, a 10,000-deep value or a string beyond what an index can
 * hold with a 500 (our hooks read fields as the types they are declared). Here each is a 400
 * naming the field, in the shape the admin shows next to it. Server code (Local API) is trusted.
 */

/** Longest text in an indexed or unique column: a btree entry holds about 2,700 bytes (4 per character at worst). */
export const INDEXED_TEXT_MAX = 500

type Problem = { path: string; message: string; label?: string }

/** Any has-many relationship or upload field takes at most this many items in one write (a field's own maxRows may be lower). */
export const MAX_RELATIONSHIP_ITEMS = 200

/**
 * An e-mail address as mail systems take it (RFC 5321 §4.5.3.1): at most 254 characters, a local
 * part of at most 64, one `@`, a domain of dot-separated labels of at most 63 characters each.
 */
export const emailProblem = (value: string): string | null => {
  if (value.length > 254) return '邮箱地址不能超过 254 个字符'
  const at = value.lastIndexOf('@')
  const local = value.slice(0, at)
  const domain = value.slice(at + 1)
  if (at < 1 || !domain || /\s/.test(value) || local.includes('@')) return '请输入有效的邮箱地址，例如 name@example.edu.cn'
  if (local.length > 64) return '邮箱地址中 @ 之前的部分不能超过 64 个字符'
  if (!/^[^\s@.][^\s@]*$/.test(local) || local.endsWith('.') || local.includes('..'))
    return '请输入有效的邮箱地址，例如 name@example.edu.cn'
  if (!domain.split('.').every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(label)))
    return '邮箱地址的域名部分无效，例如 name@example.edu.cn'
  return null
}

const labelOf = (field: FlattenedField): string => {
  const label = (field as { label?: unknown }).label
  if (typeof label === 'string') return label
  if (isPlainObject(label)) return String(label.zh ?? label.en ?? ('name' in field ? field.name : ''))
  return 'name' in field ? field.name : ''
}

const optionValues = (field: { options?: unknown[] }) => (field.options ?? []).map((o) => (isPlainObject(o) ? String(o.value) : String(o)))

const isId = (v: unknown) => parseId(v) !== null || (isPlainObject(v) && parseId(v.id) !== null)

/** One field's value against its declared type; nested fields recurse (depth is bounded beforehand). */
const checkField = (field: FlattenedField, value: unknown, path: string, problems: Problem[], maxText: number) => {
  if (value === null || value === undefined) return
  // A cleared input in the admin arrives as '' for these: Payload reads it as "no value".
  if (value === '' && ['number', 'date', 'select', 'radio', 'relationship', 'upload'].includes(field.type)) return
  const label = labelOf(field)
  const fail = (message: string) => problems.push({ path, label, message: `${label}：${message}` })
  const many = (check: (v: unknown) => boolean, what: string) => {
    if ((field as { hasMany?: boolean }).hasMany) {
      if (!Array.isArray(value)) return fail(`必须是${what}的数组，收到的是${kindOf(value)}`)
      if (!value.every(check)) return fail(`每一项都必须是${what}`)
    } else if (!check(value)) fail(`必须是${what}，收到的是${kindOf(value)}`)
  }
  switch (field.type) {
    case 'email':
      if (typeof value !== 'string') return fail(`必须是文字，收到的是${kindOf(value)}`)
      {
        const problem = emailProblem(value)
        if (problem) return fail(problem)
      }
    // falls through: the text checks as well
    case 'text':
    case 'textarea':
    case 'code': {
      const indexed = Boolean((field as { index?: boolean; unique?: boolean }).index || (field as { unique?: boolean }).unique)
      const max = Math.min((field as { maxLength?: number }).maxLength ?? maxText, indexed ? INDEXED_TEXT_MAX : Infinity)
      many((v) => typeof v === 'string', '文字')
      const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
      if (texts.some((t) => t.length > max)) fail(`不能超过 ${max} 个字符`)
      else if (texts.some((t) => t.includes('\u0000'))) fail('不能包含空字符（\\u0000）')
      return
    }
    case 'number':
      return many(
        (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d{1,15}(\.\d{1,15})?$/.test(v)),
        '数字',
      )
    case 'checkbox':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') fail(`必须是 true 或 false，收到的是${kindOf(value)}`)
      return
    case 'date':
      if (!isDateTime(value)) fail('必须是日期时间，例如 2026-07-01T08:00:00.000Z')
      return
    case 'select':
    case 'radio': {
      const allowed = optionValues(field as { options?: unknown[] })
      const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(' / ')} …` : allowed.join(' / ')
      return many((v) => typeof v === 'string' && allowed.includes(v), `以下选项之一（${shown}）`)
    }
    case 'relationship':
    case 'upload': {
      const relationTo = (field as { relationTo: string | string[] }).relationTo
      // A list of thousands of ids was a 500 and a statement of hundreds of kilobytes in the log.
      const cap = Math.min((field as { maxRows?: number }).maxRows ?? MAX_RELATIONSHIP_ITEMS, MAX_RELATIONSHIP_ITEMS)
      if ((field as { hasMany?: boolean }).hasMany && Array.isArray(value) && value.length > cap)
        return fail(`最多选择 ${cap} 项（收到 ${value.length} 项）`)
      if (Array.isArray(relationTo))
        return many(
          (v) => isPlainObject(v) && relationTo.includes(String(v.relationTo)) && isId(v.value),
          `{ relationTo, value } 形式的关联（${relationTo.join(' / ')}）`,
        )
      return many(isId, '记录编号（正整数）')
    }
    case 'richText':
      if (!isPlainObject(value)) fail(`必须是富文本（JSON 对象），收到的是${kindOf(value)}`)
      return
    case 'point':
      if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n)))
        fail('必须是 [经度, 纬度] 两个数字')
      return
    case 'group':
    case 'tab':
      if (!isPlainObject(value)) return fail(`必须是对象，收到的是${kindOf(value)}`)
      return checkFields(field.flattenedFields, value, `${path}.`, problems, maxText)
    case 'array':
      if (!Array.isArray(value)) return fail(`必须是数组，收到的是${kindOf(value)}`)
      value.forEach((row, i) => {
        if (!isPlainObject(row))
          problems.push({ path: `${path}.${i}`, label, message: `${label} 第 ${i + 1} 行：必须是对象，收到的是${kindOf(row)}` })
        else checkFields(field.flattenedFields, row, `${path}.${i}.`, problems, maxText)
      })
      return
    case 'blocks': {
      if (!Array.isArray(value)) return fail(`必须是数组，收到的是${kindOf(value)}`)
      const blocks = field.blocks ?? []
      value.forEach((row, i) => {
        const block = isPlainObject(row) ? blocks.find((b) => b.slug === row.blockType) : undefined
        if (!isPlainObject(row) || !block) {
          // Blocks defined by reference (config.blocks) are left to Payload.
          if (isPlainObject(row) && field.blockReferences?.length) return
          problems.push({
            path: `${path}.${i}`,
            label,
            message: `${label} 第 ${i + 1} 块：blockType 必须是 ${blocks.map((b) => b.slug).join(' / ')} 之一`,
          })
        } else checkFields(block.flattenedFields, row, `${path}.${i}.`, problems, maxText)
      })
      return
    }
    default:
      // json (any value; nesting is bounded), join and ui (not stored from input).
      return
  }
}

const checkFields = (fields: FlattenedField[], data: Record<string, unknown>, prefix: string, problems: Problem[], maxText: number) => {
  for (const field of fields) {
    if (!('name' in field) || !Object.prototype.hasOwnProperty.call(data, field.name)) continue
    checkField(field, data[field.name], `${prefix}${field.name}`, problems, maxText)
  }
}

/** Refuses data of the wrong shape or types with a 400 (ValidationError: the admin shows it per field). */
export const checkInput = (
  data: unknown,
  fields: FlattenedField[],
  req: PayloadRequest,
  target: { collection?: string; global?: string; auth?: boolean },
) => {
  if (data === undefined && req.file) return
  if (!isPlainObject(data)) throw new APIError(NOT_AN_OBJECT(data), 400, null, true)
  if (nestsDeeperThan(data, MAX_NESTING)) throw new APIError(TOO_DEEP, 400, null, true)
  const problems: Problem[] = []
  checkFields(fields, data, '', problems, req.payload.config.defaultMaxTextLength ?? 40_000)
  if (
    target.auth &&
    data.password !== undefined &&
    data.password !== null &&
    (typeof data.password !== 'string' || data.password.length > 1024 || data.password.includes('\u0000'))
  ) {
    problems.push({ path: 'password', label: '密码', message: '密码：必须是不超过 1024 个字符、不含空字符的文字' })
  }
  if (problems.length) throw new ValidationError({ ...target, errors: problems.slice(0, 20), req }, req.t)
}

const external = (req: PayloadRequest) => req.payloadAPI === 'REST' || req.payloadAPI === 'GraphQL'

const collectionInput: CollectionBeforeOperationHook = ({ args, operation, req, collection }) => {
  if ((operation === 'create' || operation === 'update') && external(req)) {
    checkInput(args.data, collection.flattenedFields, req, { collection: collection.slug, auth: Boolean(collection.auth) })
  }
  return args
}

type GlobalBeforeOperation = NonNullable<NonNullable<GlobalConfig['hooks']>['beforeOperation']>[number]
const globalInput: GlobalBeforeOperation = ({ args, global, operation, req }) => {
  if (operation === 'update' && external(req)) checkInput(args.data, global.flattenedFields, req, { global: global.slug })
  return args
}

/** Postgres SQLSTATE of an error or what it wraps (Drizzle keeps pg's error in `cause`). */
const sqlStateOf = (error: unknown): string | null => {
  let e = error as { code?: unknown; cause?: unknown } | undefined
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code
  return null
}

/**
 * The last line of defence, for input this file and the REST guard do not foresee (a filter value
 * in `where` beyond integer range, say): Postgres refusing a value (class 22, data exception) or
 * its size (class 54, program limit) is the request's fault, a 400, not a 500.
 */
export const invalidValueAfterError: AfterErrorHook = ({ error }) => {
  const state = sqlStateOf(error)
  if (state && /^(22|54)/.test(state))
    return { status: 400, response: errorBody('提交或查询中的某个值无效（类型不对、超出范围或过长），请检查后重试') }
  // Busboy's complaints about a broken multipart body, which Payload passes on as a 500.
  if (MULTIPART_ERRORS.test((error as Error)?.message ?? ''))
    return {
      status: 400,
      response: errorBody('multipart/form-data 请求内容不完整或格式不对（与 boundary 不符），请重新提交'),
    }
}
const MULTIPART_ERRORS =
  /^(Unexpected end of (form|file)|Malformed (part header|urlencoded form)|Multipart: Boundary not found|Malformed content type)/i

/** Adds the checks to every collection and global, ahead of their own hooks, and the error mapping. */
export const strictInput: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((c) => ({
    ...c,
    hooks: { ...c.hooks, beforeOperation: [collectionInput, ...(c.hooks?.beforeOperation ?? [])] },
  })),
  globals: (config.globals ?? []).map((g) => ({
    ...g,
    hooks: { ...g.hooks, beforeOperation: [globalInput, ...(g.hooks?.beforeOperation ?? [])] },
  })),
  hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), invalidValueAfterError] },
})
