import type { AfterErrorHook } from 'payload'

import { recordAuditDetached } from './record'

/** Collections holding personal or security data: a refused access to them is recorded. */
const SENSITIVE = new Set([
  'users',
  'audit-logs',
  'deletion-requests',
  'quiz-attempts',
  'study-progress',
  'study-events',
  'points-ledger',
  'notifications',
])

/** 等保 2.0 安全审计: access denials on sensitive data go to the audit trail (request path, not body). */
export const auditAccessDenials: AfterErrorHook = async ({ error, req, collection }) => {
  const status = (error as { status?: number }).status
  if (status !== 403 || !collection || !SENSITIVE.has(collection.slug)) return
  const path = req.url ? new URL(req.url).pathname : ''
  await recordAuditDetached(
    req.payload,
    {
      action: 'accessDenied',
      result: 'denied',
      collection: collection.slug,
      summary: `拒绝访问：${req.method ?? ''} ${path}`.slice(0, 300),
    },
    req.user,
    req,
  )
}
