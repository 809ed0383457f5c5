import type { Payload, PayloadRequest } from 'payload'

import type { AuditLog } from '../payload-types'

export type AuditAction = AuditLog['action']
export type AuditResult = AuditLog['result']

export type AuditEntry = {
  action: AuditAction
  collection: string
  documentId?: string | number | null
  summary: string
  changedFields?: string[]
  result?: AuditResult
}

type HeaderSource = { headers?: Pick<Headers, 'get'> } | null | undefined

/**
 * The source address. scripts/server.ts writes the socket's address into x-real-ip (overwriting
 * whatever the client sent) and passes x-forwarded-for on only behind a trusted proxy (TRUST_PROXY),
 * so neither can be forged by the client.
 */
export const clientIp = (req: HeaderSource): string | undefined => {
  const headers = req?.headers
  if (!headers?.get) return undefined
  const forwarded = process.env.TRUST_PROXY ? headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined
  return forwarded || headers.get('x-real-ip') || undefined
}

const userAgentOf = (req: HeaderSource) => req?.headers?.get?.('user-agent')?.slice(0, 300) || undefined

/**
 * Who acted: req.user, or at sign-in the person who just signed in (any shape with these fields).
 * Only a users document (collection 'users') becomes the actor relation; others are named only.
 */
export type AuditActor = { collection?: string; id: number | string; name?: string | null; email?: string | null } | null | undefined
type Actor = AuditActor

/** Postgres text cannot hold NUL; whatever a client sent must still be recordable. */
const clean = (s: string | undefined) => s?.replace(/\u0000/g, '')

const dataOf = (entry: AuditEntry, user: Actor, req: HeaderSource) => ({
  action: entry.action,
  result: entry.result ?? 'success',
  targetCollection: entry.collection,
  documentId: entry.documentId == null ? undefined : String(entry.documentId),
  summary: clean(entry.summary.slice(0, 500))!,
  changedFields: entry.changedFields?.length ? entry.changedFields.join(', ') : undefined,
  actor: user && user.collection === 'users' ? (user.id as number) : undefined,
  actorName: user ? clean(String(user.name ?? user.email ?? user.id)) : '系统',
  ip: clientIp(req),
  userAgent: clean(userAgentOf(req)),
})

/**
 * Appends one entry to the audit trail inside the caller's transaction. Only field names are kept,
 * never values: the trail must not become a second copy of personal data or secrets.
 */
export const recordAudit = async (
  req: PayloadRequest,
  entry: AuditEntry,
  // At login, req.user is not set yet: the hook passes the person who just signed in.
  user: Actor = req.user,
): Promise<void> => {
  await req.payload.create({
    collection: 'audit-logs',
    overrideAccess: true,
    req,
    depth: 0,
    data: dataOf(entry, user, req),
  })
}

/**
 * For failures: the request's own transaction is being rolled back, so the entry is written on its
 * own (a refused login must stay in the trail even though nothing else of the request does).
 */
export const recordAuditDetached = async (payload: Payload, entry: AuditEntry, user: Actor, req: HeaderSource): Promise<void> => {
  try {
    await payload.create({ collection: 'audit-logs', overrideAccess: true, depth: 0, data: dataOf(entry, user, req) })
  } catch (error) {
    payload.logger.error({ err: error }, '写入审计日志失败')
  }
}
