import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'
import { APIError } from 'payload'

import { idOf } from '../access/roles'

export type FieldWriteRule = {
  /** Chinese name of the field, for the error message. */
  label: string
  /** Whether this user may write the field on this target (undefined id = create). */
  allowed: (user: NonNullable<PayloadRequest['user']>, targetId: number | string | undefined) => boolean
  /** Value the field takes when nobody sets it on create; writing it is not a change. */
  createDefault?: unknown
  /**
   * Other forms in which the stored value comes back unchanged: a masked phone number is what a
   * viewer's form holds, and sending it back is not an attempt to change the number.
   */
  unchangedForms?: (stored: unknown) => unknown[]
}

const normalise = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return 'null'
  if (Array.isArray(value)) {
    return JSON.stringify(value.map((v) => normalise(v)).sort())
  }
  if (typeof value === 'object') {
    const id = idOf(value)
    if (id !== null) return String(id)
    return JSON.stringify(value)
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return new Date(value).toISOString()
  }
  return String(value)
}

/**
 * Field-level `access.update` silently drops a forbidden write, which leaves the caller believing
 * it worked. This hook refuses such a write with a 403 that names the fields instead. Values the
 * caller sends back unchanged (the admin form sends every field) are not a change.
 */
export const refuseForbiddenFieldWrites =
  (rules: Record<string, FieldWriteRule>): CollectionBeforeOperationHook =>
  async ({ args, operation, overrideAccess, req, collection }) => {
    if (overrideAccess || (operation !== 'create' && operation !== 'update')) return args
    const data = args.data as Record<string, unknown> | undefined
    const user = req.user
    if (!data || !user) return args

    const targetId = operation === 'update' ? ((args as { id?: number | string }).id ?? undefined) : undefined
    let original: Record<string, unknown> | null = null
    if (operation === 'update' && targetId !== undefined) {
      original = (await req.payload
        .findByID({ collection: collection.slug, id: targetId, depth: 0, overrideAccess: true, req })
        .catch(() => null)) as Record<string, unknown> | null
    }

    const refused: string[] = []
    for (const [field, rule] of Object.entries(rules)) {
      if (!(field in data) || data[field] === undefined) continue
      if (rule.allowed(user, targetId)) continue
      const before = operation === 'create' ? rule.createDefault : original?.[field]
      const same = [before, ...(rule.unchangedForms && before != null ? rule.unchangedForms(before) : [])]
      const changed = field === 'password' ? Boolean(data[field]) : !same.some((v) => normalise(data[field]) === normalise(v))
      // A bulk update (no single id) has nothing to compare with: any value is a change.
      if (changed || (operation === 'update' && original === null)) refused.push(rule.label)
    }
    if (refused.length > 0) {
      throw new APIError(`无权修改以下字段：${refused.join('、')}`, 403, { fields: refused }, true)
    }
    return args
  }
