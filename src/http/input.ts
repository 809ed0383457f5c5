import { isDateTime, parseId } from '../validation/input'
import { HttpError } from './errors'
import type { Parse } from './route'

/**
 * Field parsers for the route table's input schemas (src/http/route.ts). Each takes the raw value
 * (text from a query string, any JSON value from a body; undefined when absent) and returns the
 * value or throws a 400 that names the field and says what it must be.
 */
const bad = (message: string) => new HttpError(400, message)

/** Any value, as sent (the handler or the domain code checks it: e.g. answers graded by src/quiz). */
export const anyValue: Parse<unknown> = (raw) => raw

/** A query value as sent, or undefined when absent: for a handler that checks it in its own words. */
export const queryText: Parse<string | undefined> = (raw) => (typeof raw === 'string' ? raw : undefined)

/** A row id (positive integer or its digits); required. */
export const id =
  (what: string): Parse<number> =>
  (raw, name) => {
    const v = parseId(raw)
    if (v === null) throw bad(`${name} 必须是${what}（正整数）`)
    return v
  }

/** A row id, or undefined when absent or empty. */
export const optionalId =
  (what: string): Parse<number | undefined> =>
  (raw, name) =>
    raw === undefined || raw === '' || raw === null ? undefined : id(what)(raw, name)

/** An integer within bounds, or undefined when absent or empty (query strings: digits; bodies: numbers). */
export const optionalInt =
  (min: number, max: number): Parse<number | undefined> =>
  (raw, name) => {
    if (raw === undefined || raw === '' || raw === null) return undefined
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d{1,16}$/.test(raw) ? Number(raw) : NaN
    if (!Number.isInteger(n) || n < min || n > max) throw bad(`${name} 必须是 ${min}–${max} 之间的整数`)
    return n
  }

/** The field's name in a message: its label when given (e.g. `reason（理由）`), else the name and a space. */
const named = (name: string, label?: string) => label ?? `${name} `

/** One of the given words; required. */
export const oneOf = <T extends string>(values: readonly T[]): Parse<NoInfer<T>> => {
  const parse = (raw: unknown, name: string): T => {
    const value = values.find((v) => v === raw)
    if (value === undefined) throw bad(`${name} 必须是 ${values.join(' / ')} 之一`)
    return value
  }
  return parse
}

/** One of the given words, or undefined when absent or empty. */
export const optionalOneOf = <T extends string>(values: readonly T[]): Parse<NoInfer<T> | undefined> => {
  const parse = (raw: unknown, name: string): T | undefined => {
    if (raw === undefined || raw === '' || raw === null) return undefined
    const value = values.find((v) => v === raw)
    if (value === undefined) throw bad(`${name} 必须是 ${values.join(' / ')} 之一`)
    return value
  }
  return parse
}

/** A query flag: 1 is true; 0, empty or absent false. */
export const flag: Parse<boolean> = (raw, name) => {
  if (raw === undefined || raw === '' || raw === '0') return false
  if (raw === '1') return true
  throw bad(`${name} 必须是 1 或 0`)
}

/** Text, trimmed, at most `max` characters; undefined when absent. `label` names it in messages (default: the field's name). */
export const optionalText =
  (max: number, label?: string): Parse<string | undefined> =>
  (raw, name) => {
    if (raw === undefined || raw === null) return undefined
    if (typeof raw !== 'string') throw bad(`${label ?? name} 必须是文字`)
    const v = raw.trim()
    if (v.length > max) throw bad(`${label ?? name}不能超过 ${max} 个字`)
    return v
  }

/**
 * A body's JSON, or undefined when it is not JSON: for routes that read their body leniently (no
 * body schema) and check its fields themselves, with their own messages.
 */
export const jsonOf = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Text as sent (the handler trims it), at most `max` characters and without NUL; undefined when absent or null. */
export const optionalString =
  (max: number): Parse<string | undefined> =>
  (raw, name) => {
    if (raw === undefined || raw === null) return undefined
    if (typeof raw !== 'string' || raw.length > max || raw.includes('\u0000')) throw bad(`${name} 必须是不超过 ${max} 字的文字`)
    return raw
  }

/** Text as sent (not trimmed), at most `max` characters; null when absent or null. */
export const nullableText =
  (max: number, label?: string): Parse<string | null> =>
  (raw, name) => {
    if (raw === undefined || raw === null) return null
    if (typeof raw !== 'string' || raw.length > max) throw bad(`${named(name, label)}必须是不超过 ${max} 字的文字`)
    return raw
  }

/** An ISO 8601 date or date-time, as sent; null when absent or null. */
export const nullableDateTime =
  (label?: string): Parse<string | null> =>
  (raw, name) => {
    if (raw === undefined || raw === null) return null
    if (!isDateTime(raw)) throw bad(`${named(name, label)}必须是日期时间，例如 2026-07-01T08:00:00+08:00`)
    return raw
  }

/** A JSON true or false; undefined when absent or null. */
export const optionalBoolean: Parse<boolean | undefined> = (raw, name) => {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'boolean') throw bad(`${name} 必须是 true 或 false`)
  return raw
}
