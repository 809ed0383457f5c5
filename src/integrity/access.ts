import type { Access, CollectionAfterChangeHook, CollectionBeforeChangeHook, Where } from 'payload'
import { ValidationError } from 'payload'

import { hasRole, idOf } from '../access/roles'
import { recordAudit } from '../audit/record'
import { refuseForbiddenFieldWrites } from '../hooks/refuseForbiddenFieldWrites'
import { descendants } from '../organizations/tree'
import { FLAG_KIND_LABELS, type FlagKind } from './detect'

export const FLAG_STATUS_LABELS = { pending: '待核实', cleared: '已核实为正常', confirmed: '已确认异常' } as const
export type FlagStatus = keyof typeof FLAG_STATUS_LABELS

const branchOf = (user: unknown) => idOf((user as { organization?: unknown } | null)?.organization)

/**
 * Who reads a flag: the member their own (with its evidence); a branch secretary those of their
 * branch; Party committee staff those inside their organisation's subtree; the system
 * administrator all. Nobody else.
 */
export const readIntegrityFlags: Access = async ({ req }) => {
  const { user } = req
  if (!user || (user as { active?: boolean }).active === false) return false
  if (hasRole(user, 'sysAdmin')) return true
  const or: Where[] = [{ member: { equals: user.id } }]
  const branch = branchOf(user)
  if (hasRole(user, 'branchSecretary') && branch !== null) or.push({ organization: { equals: branch } })
  if (hasRole(user, 'partyCommittee') && branch !== null) or.push({ organization: { in: await descendants(req.payload, Number(branch)) } })
  return { or }
}

/**
 * Who reviews a flag: the secretary of the member's branch only, never a flag about themselves
 * (a secretary's own flag goes to whoever reviews secretaries — the committee reads it).
 */
export const updateIntegrityFlags: Access = ({ req: { user } }) => {
  if (!hasRole(user, 'branchSecretary')) return false
  const branch = branchOf(user)
  if (branch === null) return false
  const where: Where = { and: [{ organization: { equals: branch } }, { member: { not_equals: user!.id } }] }
  return where
}

const FIXED: Record<string, string> = {
  member: '学员',
  organization: '所在支部',
  kind: '异常类型',
  day: '日期',
  flagKey: '标记键',
  periodStart: '开始时间',
  periodEnd: '结束时间',
  secondsHeld: '暂缓计入秒数',
  summary: '异常说明',
  items: '涉及内容',
  evidence: '证据数据',
  reviewer: '核实人',
  reviewedAt: '核实时间',
}

/** Only status and reason can be written through the API: anything else is refused with 403 naming it. */
export const onlyReviewFieldsWritable = refuseForbiddenFieldWrites(
  Object.fromEntries(Object.entries(FIXED).map(([field, label]) => [field, { label, allowed: () => false }])),
)

/** A status change needs a reason; the reviewer and the time are set by the server. */
export const beforeFlagChange: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const statusChanged = data.status !== undefined && data.status !== originalDoc.status
  const reasonChanged = data.reason !== undefined && (data.reason ?? '') !== (originalDoc.reason ?? '')
  if (!statusChanged && !reasonChanged) return data
  const reason = String(data.reason ?? '').trim()
  if (statusChanged && (reason.length < 2 || !reasonChanged)) {
    throw new ValidationError(
      { collection: 'integrity-flags', errors: [{ path: 'reason', message: '更改核实状态时必须填写理由（本次核实的理由）' }] },
      req.t,
    )
  }
  if (req.user) {
    data.reviewer = req.user.id
    data.reviewedAt = new Date().toISOString()
  }
  return data
}

/** Every review (status or reason changed by a person) goes to the audit log: who, which flag, from what to what. */
export const flagStatusAudit: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !req.user || !previousDoc) return doc
  const statusChanged = previousDoc.status !== doc.status
  const reasonChanged = (previousDoc.reason ?? '') !== (doc.reason ?? '')
  if (!statusChanged && !reasonChanged) return doc
  const from = FLAG_STATUS_LABELS[previousDoc.status as FlagStatus] ?? previousDoc.status
  const to = FLAG_STATUS_LABELS[doc.status as FlagStatus] ?? doc.status
  await recordAudit(req, {
    action: 'update',
    collection: 'integrity-flags',
    documentId: doc.id,
    summary: `学习异常标记核实（学员 ${idOf(doc.member)}，${doc.day}，${FLAG_KIND_LABELS[doc.kind as FlagKind] ?? doc.kind}）：${from} → ${to}`,
    changedFields: [...(statusChanged ? ['status'] : []), ...(reasonChanged ? ['reason'] : []), 'reviewer', 'reviewedAt'],
  })
  return doc
}
