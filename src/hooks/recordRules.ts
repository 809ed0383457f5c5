import { APIError, ValidationError } from 'payload'

import { idOf } from '../access/roles'

/** A rule's refusal: 400 with the field a person corrects, or 403/409 with what to do instead. */
export type Refusal = { status: 400 | 403 | 409; field?: string; message: string }

/**
 * Throws a refusal the way Payload reports it: a field's 400 as a ValidationError (the admin marks
 * the field), anything else as an APIError whose message is shown as it is.
 */
export const refuse = (collection: string, r: Refusal): never => {
  if (r.status === 400 && r.field) throw new ValidationError({ collection, errors: [{ message: r.message, path: r.field }] })
  throw new APIError(r.message, r.status, null, true)
}

/**
 * Whether a field's submitted value is the stored one: ids or populated documents, arrays in any
 * order, ISO dates in any notation, and empty as empty. Used by the hooks that fix a record's fields
 * once it moves on (培训登记, 组织生活 plans).
 */
export const sameValue = (a: unknown, b: unknown) => {
  const norm = (v: unknown): string => {
    if (v === undefined || v === null || v === '') return 'null'
    if (Array.isArray(v)) return JSON.stringify(v.map((x) => String(idOf(x) ?? x)).sort())
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toISOString()
    return String(idOf(v) ?? v)
  }
  return norm(a) === norm(b)
}
