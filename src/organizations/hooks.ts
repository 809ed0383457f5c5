import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, Validate } from 'payload'
import { APIError } from 'payload'

import { idOf } from '../access/roles'
import { complianceIssuesOf } from './compliance'
import { recountOrganizations, SKIP_RECOUNT } from './recount'
import { loadBranchRules } from './settings'
import { ORG_TYPE_LABELS, REQUIRED_PARENT_TYPE, type OrgType } from './types'

/** Derives a branch's compliance state from its stored counts, its committee flag and the rules. */
export const deriveCompliance: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const merged = { ...(originalDoc ?? {}), ...data }
  const issues = complianceIssuesOf(merged, await loadBranchRules(req.payload, req))
  data.complianceIssues = issues
  data.complianceState = merged.type !== 'branch' ? 'notApplicable' : issues.length ? 'warning' : 'ok'
  return data
}

/** A moved organisation changes the counts of both its old and its new ancestors. */
export const recountAfterMove: CollectionAfterChangeHook = async ({ doc, previousDoc, req, context }) => {
  if (context?.[SKIP_RECOUNT]) return doc
  const before = idOf(previousDoc?.parent)
  const after = idOf(doc.parent)
  if (String(before) !== String(after) || previousDoc?.type !== doc.type) {
    await recountOrganizations(req.payload, [doc.id, before as number], req)
  }
  return doc
}

/** The tree rule: a branch hangs under a college committee, which hangs under the university committee. */
export const validateParent: Validate = async (value, { siblingData, req }) => {
  const type = (siblingData as { type?: OrgType }).type
  if (!type) return true
  const required = REQUIRED_PARENT_TYPE[type]
  const parentId = idOf(value)
  if (required === null) {
    return parentId === null ? true : `${ORG_TYPE_LABELS[type].zh}是最高一级组织，不能有上级组织`
  }
  if (parentId === null) return `${ORG_TYPE_LABELS[type].zh}必须选择上级组织（${ORG_TYPE_LABELS[required].zh}）`
  const parent = await req.payload
    .findByID({ collection: 'organizations', id: parentId, depth: 0, overrideAccess: true, req })
    .catch(() => null)
  if (!parent) return '所选上级组织不存在'
  if (parent.type !== required) {
    return `${ORG_TYPE_LABELS[type].zh}的上级必须是${ORG_TYPE_LABELS[required].zh}，而所选“${parent.name}”是${ORG_TYPE_LABELS[parent.type as OrgType].zh}`
  }
  return true
}

/** Changing a node's type must not strand its children under a parent of the wrong type. */
export const validateTypeChange: Validate = async (value, { id, previousValue, req }) => {
  if (id === undefined || value === previousValue) return true
  const children = await req.payload.find({
    collection: 'organizations',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    where: { parent: { equals: id } },
  })
  const child = children.docs[0]
  if (child && REQUIRED_PARENT_TYPE[child.type as OrgType] !== value) {
    return `该组织下还有下级组织“${child.name}”，不能改为${ORG_TYPE_LABELS[value as OrgType]?.zh ?? value}`
  }
  return true
}

/** Deleting an organisation that still has children or people would orphan them. */
export const refuseDeleteWhileInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const [children, people] = await Promise.all([
    req.payload.count({ collection: 'organizations', overrideAccess: true, req, where: { parent: { equals: id } } }),
    req.payload.count({ collection: 'users', overrideAccess: true, req, where: { organization: { equals: id } } }),
  ])
  if (children.totalDocs > 0 || people.totalDocs > 0) {
    throw new APIError(`该组织下还有 ${children.totalDocs} 个下级组织和 ${people.totalDocs} 名人员，请先转移后再删除`, 409, undefined, true)
  }
}

/** Terms run from start to end; an end before the start is a typing mistake. */
export const validateTermEnd: Validate = (value, { siblingData }) => {
  const start = (siblingData as { termStart?: string }).termStart
  if (value && start && new Date(value as string) <= new Date(start)) return '任期结束日期必须晚于开始日期'
  return true
}
