import type { PayloadRequest } from 'payload'

export type AuditAction = 'login' | 'create' | 'update' | 'delete' | 'publish' | 'withdraw' | 'export'

export type AuditEntry = {
  action: AuditAction
  collection: string
  documentId?: string | number | null
  summary: string
  changedFields?: string[]
}

const clientIp = (req: PayloadRequest): string | undefined => {
  const forwarded = req.headers?.get?.('x-forwarded-for')
  return forwarded?.split(',')[0]?.trim() || req.headers?.get?.('x-real-ip') || undefined
}

/**
 * Appends one entry to the audit trail inside the caller's transaction. Only field names are kept,
 * never values: the trail must not become a second copy of personal data or secrets.
 */
export const recordAudit = async (
  req: PayloadRequest,
  entry: AuditEntry,
  // At login, req.user is not set yet: the hook passes the person who just signed in.
  user: PayloadRequest['user'] | null = req.user,
): Promise<void> => {
  await req.payload.create({
    collection: 'audit-logs',
    overrideAccess: true,
    req,
    depth: 0,
    data: {
      action: entry.action,
      targetCollection: entry.collection,
      documentId: entry.documentId == null ? undefined : String(entry.documentId),
      summary: entry.summary,
      changedFields: entry.changedFields?.length ? entry.changedFields.join(', ') : undefined,
      actor: user && user.collection === 'users' ? user.id : undefined,
      actorName: user ? String((user as { name?: string }).name ?? user.email ?? user.id) : '系统',
      ip: clientIp(req),
    },
  })
}
