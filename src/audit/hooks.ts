import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionSlug,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

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
  // The pending e-mail change (src/auth/credentials.ts) records its own entries.
  'pendingEmail',
  'pendingEmailTokenHash',
  'pendingEmailExpiresAt',
])

/** The collection's stored fields, by name (not virtual ones, nor what a read adds, such as `collection`). */
const storedFieldNames = (collection: SanitizedCollectionConfig) =>
  collection.flattenedFields.filter((f) => 'name' in f && f.type !== 'join' && !(f as { virtual?: unknown }).virtual).map((f) => f.name)

const changedFieldsOf = (
  collection: SanitizedCollectionConfig,
  doc: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
) => {
  const changed = storedFieldNames(collection).filter(
    (key) => !IGNORED.has(key) && JSON.stringify(doc[key]) !== JSON.stringify(previous?.[key]),
  )
  // The password itself is never read back: a new hash is a new password.
  if (previous && typeof previous.hash === 'string' && doc.hash !== previous.hash) changed.push('password')
  return changed
}

/**
 * The document as stored after the change, read the way Payload read `previousDoc` (depth 0, as the
 * server, hidden fields included, the latest draft), so that like is compared with like. The `doc`
 * an afterChange hook receives is shaped for the person saving: relationships populated to the
 * request's depth, contact details masked, fields they may not read left out — compared with
 * `previousDoc` it showed changes nobody made (`organization, interests` for a password change).
 */
const storedNow = async (req: PayloadRequest, collection: CollectionSlug, id: number | string) =>
  (await req.payload.findByID({
    collection: collection,
    id,
    depth: 0,
    draft: true,
    overrideAccess: true,
    showHiddenFields: true,
    disableErrors: true,
    req,
  })) as Record<string, unknown> | null

const titleOf = (doc: Record<string, unknown>) => String(doc.name ?? doc.title ?? doc.email ?? doc.id)

/** Records who created or changed what, and which fields (not their values). */
export const auditAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req, collection, context }) => {
  // Counters the system refreshes after someone else's change are not a user action.
  if (!req.user || context?.[SKIP_AUDIT]) return doc
  const changed =
    operation === 'create' ? [] : changedFieldsOf(collection, (await storedNow(req, collection.slug, doc.id)) ?? doc, previousDoc)
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
