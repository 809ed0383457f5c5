import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { recordAudit } from './record'

/** Context flag for derived writes (counters, caches) that should not appear in the trail. */
export const SKIP_AUDIT = 'skipAudit'

const IGNORED = new Set([
  'updatedAt',
  'createdAt',
  'loginAttempts',
  'lockUntil',
  'sessions',
  'salt',
  'hash',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'resetPasswordRequestedAt',
  // Written by the second-factor endpoints, which record their own entries.
  'totpSecret',
  'totpEnabled',
  'mustSetPassword',
])

const changedFieldsOf = (doc: Record<string, unknown>, previous: Record<string, unknown> | undefined) =>
  Object.keys({ ...doc, ...(previous ?? {}) }).filter(
    (key) => !IGNORED.has(key) && JSON.stringify(doc[key]) !== JSON.stringify(previous?.[key]),
  )

const titleOf = (doc: Record<string, unknown>) => String(doc.name ?? doc.title ?? doc.email ?? doc.id)

/** Records who created or changed what, and which fields (not their values). */
export const auditAfterChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
  collection,
  data,
  context,
}) => {
  // Counters the system refreshes after someone else's change are not a user action.
  if (!req.user || context?.[SKIP_AUDIT]) return doc
  const changed = operation === 'create' ? [] : changedFieldsOf(doc, previousDoc)
  if ((data as { password?: string } | undefined)?.password) changed.push('password')
  if (operation === 'update' && changed.length === 0) return doc
  await recordAudit(req, {
    action: operation,
    collection: collection.slug,
    documentId: doc.id,
    summary: `${operation === 'create' ? '新建' : '修改'}「${titleOf(doc)}」`,
    changedFields: changed,
  })
  return doc
}

export const auditAfterDelete: CollectionAfterDeleteHook = async ({ doc, req, collection, id }) => {
  await recordAudit(req, {
    action: 'delete',
    collection: collection.slug,
    documentId: id,
    summary: `删除「${titleOf(doc)}」`,
  })
  return doc
}
